//! Photo pipeline benchmark: a site of N articles (default 200), each with a 3000 × 1688 lead
//! photo, built cold (empty cache) and warm (everything cached). A benchmark, not a test.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example photo_bench -- target/release/stakes /dev/shm/photos [200]
//! ```

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(binary), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: photo_bench STAKES_BINARY SITE_DIR [PHOTOS]");
        std::process::exit(2);
    };
    let count: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(200);
    let root = Path::new(dir);
    let _ = std::fs::remove_dir_all(root);
    write(
        &root.join("site.yaml"),
        b"title: Photo benchmark\nbase_url: https://bench.example/\n",
    );
    let (width, height) = (3000u32, 1688u32);
    for i in 0..count {
        let mut pixels = Vec::with_capacity((width * height * 3) as usize);
        for y in 0..height {
            for x in 0..width {
                let wave = ((x as f32 / 37.0 + i as f32).sin() * 40.0) as i32;
                pixels.extend_from_slice(&[
                    ((x * 255 / width) as i32 + wave).clamp(0, 255) as u8,
                    ((y * 255 / height) as i32 - wave).clamp(0, 255) as u8,
                    ((x ^ y) % 256) as u8,
                ]);
            }
        }
        let image = stakes_images::Decoded {
            pixels,
            width,
            height,
            alpha: false,
            format: stakes_images::Format::Jpeg,
        };
        let jpeg = stakes_images::encode_jpeg(&image, 90).expect("encode");
        let dir = root.join(format!("content/photos/story-{i:03}"));
        write(&dir.join("lead.jpg"), &jpeg);
        let text = format!("---\ntitle: Story {i}\ndate: 2026-05-01\nimage: {{src: lead.jpg, alt: Photo {i}, credit: Bench | Wire}}\n---\nBody.\n");
        write(&dir.join("index.md"), text.as_bytes());
    }
    println!("{count} photos of {width} × {height} written");
    for label in ["cold", "warm"] {
        let started = Instant::now();
        let output = Command::new(binary)
            .args(["build", "--force", "--root", dir])
            .output()
            .expect("run stakes");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        println!(
            "{label}: {:.2} s — {}",
            started.elapsed().as_secs_f64(),
            String::from_utf8_lossy(&output.stdout).trim()
        );
    }
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create folder");
    std::fs::write(path, bytes).expect("write");
}
