//! Generated images: customer photos (message content), previews and avatars. Each is a
//! soft two-colour gradient picked from a hash of its id, so the same id always yields
//! the same bytes and different photos look different in the UI.

use crate::ids::splitmix;

pub fn gradient(seed_text: &str, width: u32, height: u32) -> Vec<u8> {
    let h = seed_text
        .bytes()
        .fold(0x5EED_u64, |acc, b| splitmix(acc ^ u64::from(b)));
    let pick = |shift: u32| -> [f32; 3] {
        let v = splitmix(h.rotate_left(shift));
        // Pastel range: salon photos, not test patterns.
        [0, 8, 16].map(|s| 120.0 + ((v >> s) & 0x7F) as f32)
    };
    let (a, b) = (pick(0), pick(21));
    let mut data = Vec::with_capacity((width * height * 3) as usize);
    for y in 0..height {
        for x in 0..width {
            let t = (x + y) as f32 / (width + height).max(1) as f32;
            for c in 0..3 {
                data.push((a[c] * (1.0 - t) + b[c] * t) as u8);
            }
        }
    }
    encode(&data, width, height).unwrap_or_default()
}

fn encode(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_a_png_and_deterministic() {
        let a = super::gradient("123", 16, 8);
        assert!(a.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(a, super::gradient("123", 16, 8));
        assert_ne!(a, super::gradient("124", 16, 8));
    }
}
