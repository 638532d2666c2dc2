//! What a filed photo costs to check and re-encode, step by step, with two sets of libraries:
//! `image` alone (its decoders, its resize, its JPEG encoder: what Jiesu used first) and what
//! Jiesu uses now (`image`'s decoders, `fast_image_resize` and `jpeg-encoder`, with SIMD where
//! the CPU has it). Two uploads: the filing benchmark's 1600 × 1200 PNG and a phone's
//! 4000 × 3000 JPEG. Prints milliseconds of one core per photo (best of a few rounds).
//!   cargo run --release -p app --features ssr --example photos

use image::{DynamicImage, ImageFormat, RgbImage};
use std::io::Cursor;
use std::time::Instant;

/// An image with some texture (noise over gradients), as a camera's would have.
fn textured(width: u32, height: u32) -> RgbImage {
    let mut seed: u32 = 7;
    RgbImage::from_fn(width, height, |x, y| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let noise = (seed >> 16) as u8 & 15;
        image::Rgb([
            (x as u8).wrapping_add(noise),
            (y as u8).wrapping_add(noise),
            ((x ^ y) as u8).wrapping_add(noise),
        ])
    })
}

fn encoded(image: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(image.clone())
        .write_to(&mut out, format)
        .expect("encoded");
    out.into_inner()
}

/// The best of `rounds` timings of `step`, in milliseconds.
fn best<T>(rounds: usize, mut step: impl FnMut() -> T) -> f64 {
    (0..rounds)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(step());
            started.elapsed().as_secs_f64() * 1000.0
        })
        .fold(f64::INFINITY, f64::min)
}

fn image_jpeg(image: &DynamicImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(image)
        .expect("encoded");
    out
}

fn fast_jpeg(rgb: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let (w, h) = rgb.dimensions();
    jpeg_encoder::Encoder::new(&mut out, quality)
        .encode(rgb, w as u16, h as u16, jpeg_encoder::ColorType::Rgb)
        .expect("encoded");
    out
}

fn fast_resize(rgb: &RgbImage, width: u32, height: u32) -> Vec<u8> {
    use fast_image_resize::{images, FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
    let (w, h) = rgb.dimensions();
    let source = images::ImageRef::new(w, h, rgb, PixelType::U8x3).expect("an image");
    let mut resized = images::Image::new(width, height, PixelType::U8x3);
    let bilinear = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
    Resizer::new()
        .resize(&source, &mut resized, &bilinear)
        .expect("resized");
    resized.into_vec()
}

fn main() {
    const ROUNDS: usize = 5;
    let uploads = [
        (
            "1600 × 1200 PNG",
            encoded(&textured(1600, 1200), ImageFormat::Png),
        ),
        (
            "4000 × 3000 JPEG",
            encoded(&textured(4000, 3000), ImageFormat::Jpeg),
        ),
    ];
    for (name, upload) in &uploads {
        println!("{name}, {} bytes:", upload.len());
        let decoded = image::load_from_memory(upload)
            .expect("decoded")
            .into_rgb8();
        let decode = best(ROUNDS, || image::load_from_memory(upload).expect("decoded"));
        let (w, h) = decoded.dimensions();
        let scale = 2048.0 / f64::from(w.max(h)).max(2048.0);
        let (pw, ph) = (
            (f64::from(w) * scale).round() as u32,
            (f64::from(h) * scale).round() as u32,
        );
        let photo = DynamicImage::ImageRgb8(decoded.clone()).resize(
            pw,
            ph,
            image::imageops::FilterType::Triangle,
        );
        let photo_rgb = photo.to_rgb8();
        let resize_image = if (pw, ph) == (w, h) {
            0.0
        } else {
            best(ROUNDS, || {
                DynamicImage::ImageRgb8(decoded.clone()).resize(
                    pw,
                    ph,
                    image::imageops::FilterType::Triangle,
                )
            })
        };
        let resize_fast = if (pw, ph) == (w, h) {
            0.0
        } else {
            best(ROUNDS, || fast_resize(&decoded, pw, ph))
        };
        let thumb_image = best(ROUNDS, || photo.thumbnail(320, 320));
        let thumb_fast = best(ROUNDS, || fast_resize(&photo_rgb, 320, 320 * ph / pw));
        let encode_image = best(ROUNDS, || image_jpeg(&photo, 85));
        let encode_fast = best(ROUNDS, || fast_jpeg(&photo_rgb, 85));
        let whole_now = best(ROUNDS, || {
            app::requests::photos::process(upload, 40_000_000).expect("processed")
        });
        println!("  decode (image: zune-jpeg, png)      {decode:7.1} ms");
        println!("  resize to {pw} × {ph}: image {resize_image:7.1} ms, fast_image_resize {resize_fast:7.1} ms");
        println!("  thumbnail 320:      image {thumb_image:7.1} ms, fast_image_resize {thumb_fast:7.1} ms");
        println!("  JPEG q85 {pw} × {ph}: image {encode_image:7.1} ms, jpeg-encoder {encode_fast:7.1} ms");
        println!(
            "  in all: image alone about {:.1} ms; Jiesu's process() now {whole_now:.1} ms",
            decode + resize_image + thumb_image + encode_image
        );
    }
}
