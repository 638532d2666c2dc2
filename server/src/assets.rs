//! The site's static files as a browser should receive them: compressed ahead of time (a
//! `.br` and a `.gz` beside each text or WASM file, made once when the server starts and
//! again whenever the file is newer than its copies), and cached for a year where the name
//! carries the content's hash (`/pkg/jiesu.<hash>.wasm`, cargo-leptos' `hash-files`).

use axum::http::{header, HeaderValue};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The files worth compressing: text and WebAssembly (images and fonts are compressed already).
const COMPRESSIBLE: [&str; 8] = [
    "js",
    "wasm",
    "css",
    "svg",
    "html",
    "json",
    "webmanifest",
    "txt",
];

/// Brotli's best quality: slow (about a second for the WASM) but done once per build.
const BROTLI_QUALITY: u32 = 11;
const BROTLI_WINDOW: u32 = 22;

/// Makes the missing or stale `.br` and `.gz` copies of every compressible file under `root`.
/// Each copy is written under a temporary name and renamed into place, so a browser never
/// receives half a file. Returns how many copies were written.
pub fn precompress(root: &Path) -> std::io::Result<usize> {
    let mut written = 0;
    for file in files_under(root)? {
        let compressible = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let modified = std::fs::metadata(&file)?.modified()?;
        let mut source = None;
        for (suffix, compress) in [("br", brotli as Compress), ("gz", gzip)] {
            let copy = with_suffix(&file, suffix);
            let fresh = std::fs::metadata(&copy)
                .and_then(|m| m.modified())
                .is_ok_and(|at| at >= modified);
            if fresh {
                continue;
            }
            if source.is_none() {
                source = Some(std::fs::read(&file)?);
            }
            let bytes = compress(source.as_deref().unwrap_or_default())?;
            let partial = with_suffix(&file, &format!("{suffix}.partial"));
            std::fs::write(&partial, bytes)?;
            std::fs::rename(&partial, &copy)?;
            written += 1;
        }
    }
    Ok(written)
}

type Compress = fn(&[u8]) -> std::io::Result<Vec<u8>>;

fn brotli(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    {
        let mut writer =
            brotli::CompressorWriter::new(&mut out, 64 * 1024, BROTLI_QUALITY, BROTLI_WINDOW);
        writer.write_all(bytes)?;
        writer.flush()?;
    }
    Ok(out)
}

fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    encoder.finish()
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn files_under(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                folders.push(entry.path());
            } else if kind.is_file() {
                out.push(entry.path());
            }
        }
    }
    Ok(out)
}

/// How long a browser may keep a static file at `path`: a year, unchanged, when its name
/// carries its content's hash; else an hour, after which it asks again (and mostly gets a
/// `304 Not Modified`).
pub fn cache_control(path: &str, hashed: bool) -> HeaderValue {
    if hashed && path.starts_with("/pkg/") {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("public, max-age=3600")
    }
}

/// Adds `Cache-Control` (see [`cache_control`]) to a static file's response.
pub fn set_cache_control(response: &mut axum::response::Response, path: &str, hashed: bool) {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, cache_control(path, hashed));
}

/// The service worker's own Content-Security-Policy: a worker lives under the policy of its
/// script's response, and it must fetch this site's pages and files (the default for static
/// files, `default-src 'none'`, would forbid every fetch).
pub fn set_worker_csp(response: &mut axum::response::Response, path: &str) {
    if path == "/sw.js" {
        response.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; base-uri 'none'; frame-ancestors 'none'"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn copies_decompress_to_the_file_and_are_remade_when_it_changes() {
        let root = std::env::temp_dir().join(format!("jiesu-assets-{}", std::process::id()));
        std::fs::create_dir_all(root.join("pkg")).expect("folder");
        let js = root.join("pkg").join("a.js");
        let body = "console.log('接诉即办');\n".repeat(200);
        std::fs::write(&js, &body).expect("write");
        std::fs::write(root.join("photo.jpg"), b"not compressed").expect("write");

        assert_eq!(precompress(&root).expect("first run"), 2, "a .br and a .gz");
        assert!(!root.join("photo.jpg.br").exists(), "images are left alone");
        let mut unbrotli = String::new();
        brotli::Decompressor::new(
            std::fs::File::open(root.join("pkg/a.js.br")).expect("br"),
            4096,
        )
        .read_to_string(&mut unbrotli)
        .expect("brotli");
        assert_eq!(unbrotli, body);
        let mut ungzip = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(root.join("pkg/a.js.gz")).expect("gz"))
            .read_to_string(&mut ungzip)
            .expect("gzip");
        assert_eq!(ungzip, body);
        assert!(
            !root.join("pkg/a.js.br.partial").exists(),
            "no partial file is left"
        );

        assert_eq!(
            precompress(&root).expect("second run"),
            0,
            "fresh copies stay"
        );
        // A rebuilt file (newer than its copies) gets new ones.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&js, "console.log('changed');").expect("rewrite");
        assert_eq!(precompress(&root).expect("third run"), 2);
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn only_hashed_package_files_are_kept_for_a_year() {
        assert!(cache_control("/pkg/jiesu.abc123.wasm", true)
            .to_str()
            .is_ok_and(|v| v.contains("immutable")));
        assert!(!cache_control("/pkg/jiesu.wasm", false)
            .to_str()
            .is_ok_and(|v| v.contains("immutable")));
        assert!(!cache_control("/favicon.svg", true)
            .to_str()
            .is_ok_and(|v| v.contains("immutable")));
    }
}
