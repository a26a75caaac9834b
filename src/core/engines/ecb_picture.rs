//! `ecb-picture`: the classic lesson of the "ECB penguin", on a device's status icon. The same
//! picture is encrypted with AES-128 in ECB and in CBC under the learner's key; ECB keeps every
//! uniform area uniform, so the shape stays visible. The page draws the three images.

use std::collections::BTreeMap;

use super::{unknown_params, Engine, InstanceSeed, ParamError, Params, ToolRun, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct EcbPicture;

pub const WIDTH: usize = 96;
pub const HEIGHT: usize = 64;

/// A padlock on a light background, RGBA, drawn from shapes so no image file is shipped.
pub fn picture() -> Vec<u8> {
    let mut rgba = Vec::with_capacity(WIDTH * HEIGHT * 4);
    for y in 0..HEIGHT as i32 {
        for x in 0..WIDTH as i32 {
            let body = (28..=68).contains(&x) && (28..=58).contains(&y);
            let (dx, dy) = (x - 48, y - 28);
            let r2 = dx * dx + dy * dy;
            let shackle = y <= 28 && (196..=400).contains(&r2);
            let keyhole = (dx * dx + (y - 40) * (y - 40) <= 16) || ((46..=50).contains(&x) && (40..=50).contains(&y));
            let stripe = y >= 60;
            let color: [u8; 3] = if body && keyhole {
                [250, 250, 250]
            } else if body {
                [32, 64, 160]
            } else if shackle {
                [90, 90, 100]
            } else if stripe {
                [200, 40, 40]
            } else {
                [245, 245, 245]
            };
            rgba.extend_from_slice(&color);
            rgba.push(255);
        }
    }
    rgba
}

/// The picture's bytes encrypted in `mode`, alpha reset to opaque so the result can be drawn.
pub fn encrypted(mode: &str, seed: &InstanceSeed) -> Vec<u8> {
    let key = seed.value("key", 16);
    let pixels = picture();
    let mut out = match mode {
        "cbc" => crypto::aes128_cbc_encrypt(&key, &seed.value("iv", 16), &pixels),
        _ => crypto::aes128_ecb_encrypt(&key, &pixels),
    }
    .expect("96 × 64 × 4 bytes is a whole number of blocks");
    for px in out.chunks_exact_mut(4) {
        px[3] = 255;
    }
    out
}

/// How many different 16-byte blocks a picture has: the measure of what ECB leaks.
pub fn distinct_blocks(bytes: &[u8]) -> usize {
    let mut blocks: Vec<&[u8]> = bytes.chunks(16).collect();
    blocks.sort_unstable();
    blocks.dedup();
    blocks.len()
}

impl Engine for EcbPicture {
    fn kind(&self) -> &'static str {
        "ecb-picture"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Une image chiffrée en ECB et en CBC", en: "A picture encrypted in ECB and in CBC" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Affiche une icône, puis la même icône chiffrée en AES-128-ECB et en AES-128-CBC avec la clé de l'apprenant. Sans paramètre ni contrôle : à utiliser avec des questions à choix.",
            en: "Shows an icon, then the same icon encrypted with AES-128-ECB and AES-128-CBC under the learner's key. No parameter and no check: use it with choice questions.",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        unknown_params(params, self.param_names())
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["key", "width", "height"]
    }

    fn variables(&self, _params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        BTreeMap::from([
            ("key".to_string(), hex::encode(seed.value("key", 16))),
            ("width".to_string(), WIDTH.to_string()),
            ("height".to_string(), HEIGHT.to_string()),
        ])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        Vec::new()
    }

    fn reference(&self, _params: &Params, _seed: &InstanceSeed, _check: &str) -> Option<String> {
        None
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        Vec::new()
    }

    fn run_tool(&self, _params: &Params, _seed: &InstanceSeed, tool: &str, _inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        Err(super::unknown_tool(tool))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ECB keeps the picture's structure (as many distinct blocks as the clear picture);
    /// CBC makes nearly every block different.
    #[test]
    fn ecb_leaks_the_shape_and_cbc_does_not() {
        let seed = InstanceSeed::derive(&[8; 32], "seclab-core", "ecb-picture");
        let clear = distinct_blocks(&picture());
        let ecb = distinct_blocks(&encrypted("ecb", &seed));
        let cbc = distinct_blocks(&encrypted("cbc", &seed));
        let total = WIDTH * HEIGHT * 4 / 16;
        assert!(clear < total / 4, "the icon has large uniform areas: {clear} of {total}");
        assert_eq!(ecb, clear, "ECB maps equal blocks to equal blocks");
        assert!(cbc > total * 99 / 100, "CBC: {cbc} of {total}");
    }
}
