//! Photos of a request (server only): checked by their content, decoded within pixel limits,
//! re-encoded as JPEG (which leaves EXIF, GPS position and device, behind) with a thumbnail,
//! and kept behind an object store (local disk by default).

use crate::error::AppError;
use crate::requests::RequestRefusal;
use image::{ImageFormat, ImageReader};
use object_store::{path::Path, ObjectStore, ObjectStoreExt, PutPayload};
use std::io::Cursor;
use std::sync::Arc;

pub use super::MAX_PHOTOS;
/// Neither side of an uploaded image may be longer (a 20,000 × 20,000 PNG is refused before it
/// is decoded).
const MAX_SIDE: u32 = 8_000;
/// The longest side of a stored photo and of its thumbnail.
const PHOTO_SIDE: u32 = 2_048;
const THUMB_SIDE: u32 = 320;

/// Where photos are kept.
#[derive(Clone)]
pub struct PhotoStore(Arc<dyn ObjectStore>);

impl PhotoStore {
    /// Photos in the folder `dir` (created if missing). Errors: the folder cannot be made.
    pub fn local(dir: &std::path::Path) -> std::io::Result<PhotoStore> {
        std::fs::create_dir_all(dir)?;
        let store = object_store::local::LocalFileSystem::new_with_prefix(dir)
            .map_err(std::io::Error::other)?;
        Ok(PhotoStore(Arc::new(store)))
    }

    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), AppError> {
        self.0
            .put(&Path::from(key), PutPayload::from(bytes))
            .await
            .map(drop)
            .map_err(store_error)
    }

    /// The stored bytes under `key`. Errors: `NotFound`, `Internal`.
    pub async fn get(&self, key: &str) -> Result<bytes::Bytes, AppError> {
        match self.0.get(&Path::from(key)).await {
            Ok(found) => found.bytes().await.map_err(store_error),
            Err(object_store::Error::NotFound { .. }) => Err(AppError::NotFound),
            Err(other) => Err(store_error(other)),
        }
    }

    /// Removes what `put` stored under `keys` (best effort: a leftover file harms nobody).
    pub async fn forget(&self, keys: &[String]) {
        for key in keys {
            if let Err(error) = self.0.delete(&Path::from(key.as_str())).await {
                tracing::warn!(%error, key, "could not remove a stored photo");
            }
        }
    }
}

fn store_error(error: object_store::Error) -> AppError {
    tracing::error!(%error, "photo store error");
    AppError::Internal
}

/// A photo ready to store: the re-encoded image and its thumbnail, both JPEG.
#[derive(Debug, Clone)]
pub struct Processed {
    pub photo: Vec<u8>,
    pub thumbnail: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Checks an uploaded photo by its content and re-encodes it. The header is read first: an
/// image of more than `max_pixels` pixels is refused before it is decoded. Errors: `Invalid {
/// field: "photos" }` with reason `type` (not JPEG, PNG or WebP, whatever its name says),
/// `too_many_pixels` or `unreadable`.
pub fn process(upload: &[u8], max_pixels: u64) -> Result<Processed, AppError> {
    let format =
        image::guess_format(upload).map_err(|_| AppError::from(RequestRefusal::PhotosType))?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(RequestRefusal::PhotosType.into());
    }
    // A header that does not read is left to the decoder, whose limits say why.
    if let Ok((width, height)) =
        ImageReader::with_format(Cursor::new(upload), format).into_dimensions()
    {
        if u64::from(width) * u64::from(height) > max_pixels {
            return Err(RequestRefusal::PhotosTooManyPixels.into());
        }
    }
    let mut reader = ImageReader::with_format(Cursor::new(upload), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let image = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => AppError::from(RequestRefusal::PhotosTooManyPixels),
        _ => AppError::from(RequestRefusal::PhotosUnreadable),
    })?;
    let image = image.into_rgb8();
    let (width, height) = image.dimensions();
    let (photo_width, photo_height) = within(width, height, PHOTO_SIDE);
    let photo = if (photo_width, photo_height) == (width, height) {
        image.into_raw()
    } else {
        resize(&image, (width, height), (photo_width, photo_height))?
    };
    let thumb_size = within(photo_width, photo_height, THUMB_SIDE);
    let thumb = resize(&photo, (photo_width, photo_height), thumb_size)?;
    Ok(Processed {
        width: photo_width,
        height: photo_height,
        photo: jpeg(&photo, (photo_width, photo_height), 85)?,
        thumbnail: jpeg(&thumb, thumb_size, 80)?,
    })
}

/// The size of a `width` × `height` image shrunk, if need be, to fit `side` × `side`.
fn within(width: u32, height: u32, side: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= side {
        return (width, height);
    }
    let scaled = |n: u32| {
        ((u64::from(n) * u64::from(side) + u64::from(longest) / 2) / u64::from(longest)).max(1)
    };
    (
        u32::try_from(scaled(width)).unwrap_or(side),
        u32::try_from(scaled(height)).unwrap_or(side),
    )
}

/// RGB pixels `from` resized to `to` (bilinear, with SIMD where the CPU has it:
/// `fast_image_resize`, about five times `image`'s resize; see `app/examples/photos.rs`).
fn resize(rgb: &[u8], from: (u32, u32), to: (u32, u32)) -> Result<Vec<u8>, AppError> {
    use fast_image_resize::{images, FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
    let failed = |error: &dyn std::fmt::Display| {
        tracing::error!(%error, "resizing a photo failed");
        AppError::Internal
    };
    let source =
        images::ImageRef::new(from.0, from.1, rgb, PixelType::U8x3).map_err(|e| failed(&e))?;
    let mut resized = images::Image::new(to.0, to.1, PixelType::U8x3);
    let bilinear = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
    Resizer::new()
        .resize(&source, &mut resized, &bilinear)
        .map_err(|e| failed(&e))?;
    Ok(resized.into_vec())
}

/// RGB pixels of `size` as a JPEG of `quality` (`jpeg-encoder`, with AVX2 where the CPU has
/// it: about three times `image`'s encoder). Nothing but the pixels goes in: no EXIF.
fn jpeg(rgb: &[u8], size: (u32, u32), quality: u8) -> Result<Vec<u8>, AppError> {
    let failed = |error: &dyn std::fmt::Display| {
        tracing::error!(%error, "JPEG encoding failed");
        AppError::Internal
    };
    let side = |n: u32| u16::try_from(n).map_err(|e| failed(&e));
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, quality)
        .encode(
            rgb,
            side(size.0)?,
            side(size.1)?,
            jpeg_encoder::ColorType::Rgb,
        )
        .map_err(|e| failed(&e))?;
    Ok(out)
}

/// A stored photo: its keys and size.
#[derive(Debug, Clone)]
pub struct Stored {
    pub key: String,
    pub thumbnail_key: String,
    pub width: u32,
    pub height: u32,
    pub bytes: usize,
}

/// Photos decoded at once, in the whole process.
static DECODING: std::sync::LazyLock<tokio::sync::Semaphore> =
    std::sync::LazyLock::new(crate::ssr::half_the_cores);

/// Processes `uploads` (on blocking threads, a few at once in the process: decoding is CPU
/// work) and stores them. Call it only once the caller is known to be allowed to take the
/// action and its other fields have passed. Errors: see `process`; `Internal` when storing
/// fails (nothing is left stored then).
pub async fn store_all(
    store: &PhotoStore,
    uploads: Vec<Vec<u8>>,
    max_pixels: u64,
) -> Result<Vec<Stored>, AppError> {
    let mut stored: Vec<Stored> = Vec::new();
    for upload in uploads {
        let processed = async {
            let _permit = DECODING.acquire().await.map_err(|_| AppError::Internal)?;
            tokio::task::spawn_blocking(move || process(&upload, max_pixels))
                .await
                .map_err(|_| AppError::Internal)?
        }
        .await;
        let done = match processed {
            Ok(p) => put(store, p).await,
            Err(e) => Err(e),
        };
        match done {
            Ok(s) => stored.push(s),
            Err(e) => {
                store.forget(&keys(&stored)).await;
                return Err(e);
            }
        }
    }
    Ok(stored)
}

async fn put(store: &PhotoStore, p: Processed) -> Result<Stored, AppError> {
    let id: u128 = rand::random();
    let key = format!("photos/{id:032x}.jpg");
    let thumbnail_key = format!("photos/{id:032x}-thumb.jpg");
    let bytes = p.photo.len();
    store.put(&key, p.photo).await?;
    if let Err(e) = store.put(&thumbnail_key, p.thumbnail).await {
        store.forget(std::slice::from_ref(&key)).await;
        return Err(e);
    }
    Ok(Stored {
        key,
        thumbnail_key,
        width: p.width,
        height: p.height,
        bytes,
    })
}

/// Every key of `stored` (photos and thumbnails).
pub fn keys(stored: &[Stored]) -> Vec<String> {
    stored
        .iter()
        .flat_map(|s| [s.key.clone(), s.thumbnail_key.clone()])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::DynamicImage;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]));
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(image)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .expect("png");
        out
    }

    #[test]
    fn a_photo_becomes_a_jpeg_with_a_thumbnail() {
        let done = process(&png(3000, 1000), 40_000_000).expect("processed");
        assert_eq!((done.width, done.height), (2048, 683));
        assert_eq!(
            image::guess_format(&done.photo).ok(),
            Some(ImageFormat::Jpeg)
        );
        let thumb = image::load_from_memory(&done.thumbnail).expect("thumbnail");
        assert_eq!(thumb.width(), 320);
    }

    #[test]
    fn a_renamed_program_is_not_a_photo() {
        let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00";
        assert_eq!(
            process(exe, 40_000_000).err(),
            Some(AppError::from(RequestRefusal::PhotosType))
        );
        let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";
        assert_eq!(
            process(gif, 40_000_000).err(),
            Some(AppError::from(RequestRefusal::PhotosType))
        );
    }

    /// CRC-32 as PNG chunks use it.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn a_huge_image_is_refused_before_it_is_decoded() {
        // A PNG that says it is 20,000 × 20,000 (1.2 GB of pixels): refused from its header.
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend_from_slice(&20_000u32.to_be_bytes());
        ihdr.extend_from_slice(&20_000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
        let mut file = b"\x89PNG\r\n\x1a\n".to_vec();
        file.extend_from_slice(&13u32.to_be_bytes());
        file.extend_from_slice(&ihdr);
        file.extend_from_slice(&crc32(&ihdr).to_be_bytes());
        file.extend_from_slice(&[0, 0, 0, 0]);
        file.extend_from_slice(b"IEND");
        file.extend_from_slice(&crc32(b"IEND").to_be_bytes());
        assert_eq!(
            process(&file, 40_000_000).err(),
            Some(AppError::from(RequestRefusal::PhotosTooManyPixels))
        );
    }

    #[test]
    fn the_pixel_cap_is_the_configured_one() {
        let photo = png(400, 300);
        assert!(process(&photo, 120_000).is_ok());
        assert_eq!(
            process(&photo, 119_999).err(),
            Some(AppError::from(RequestRefusal::PhotosTooManyPixels))
        );
    }

    #[test]
    fn exif_does_not_survive() {
        // A JPEG with an APP1 Exif segment spliced in after SOI.
        let mut jpeg_in = Vec::new();
        DynamicImage::ImageRgb8(image::RgbImage::new(10, 10))
            .write_to(&mut Cursor::new(&mut jpeg_in), ImageFormat::Jpeg)
            .expect("jpeg");
        let exif = b"Exif\x00\x00MM\x00\x2a GPS 39.96N 116.28E";
        let mut with_exif = jpeg_in[..2].to_vec();
        with_exif.extend_from_slice(&[0xFF, 0xE1]);
        with_exif.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
        with_exif.extend_from_slice(exif);
        with_exif.extend_from_slice(&jpeg_in[2..]);
        let done = process(&with_exif, 40_000_000).expect("processed");
        let has = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
        assert!(has(&with_exif, b"Exif") && has(&with_exif, b"GPS"));
        assert!(!has(&done.photo, b"Exif") && !has(&done.photo, b"GPS"));
    }
}
