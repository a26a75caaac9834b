//! `ecb-picture`: the classic lesson of the "ECB penguin", on a device's status icon. The same
//! picture is encrypted with AES-128 in ECB and in CBC under the learner's key; ECB keeps every
//! uniform area uniform, so the shape stays visible. The page draws the three images (the
//! "pictures" view).

use serde::{Deserialize, Serialize};

use super::{EngineSpec, InstanceSeed, Lab, VarSpec, Vars};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{Cost, Inputs, ToolRun};
use crate::core::views::{Picture, ViewData, ViewRequest};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {}

impl super::Params for Params {}

pub static SPEC: EngineSpec = EngineSpec {
    kind: "ecb-picture",
    title: M::EcbPictureTitle,
    teaches: M::EcbPictureTeaches,
    params: &[],
    variables: &[
        VarSpec { name: "key", doc: "The learner's AES-128 key (hex, 16 bytes) that encrypts the icon." },
        VarSpec { name: "width", doc: "The icon's width in pixels (96)." },
        VarSpec { name: "height", doc: "The icon's height in pixels (64)." },
    ],
    checks: &[],
    tools: &[],
    cost: Cost::Light,
    view: Some("pictures"),
    rule: None,
};

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

pub struct Instance {
    seed: InstanceSeed,
}

pub fn build(_params: &Params, seed: &InstanceSeed) -> Instance {
    Instance { seed: seed.clone() }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        Vars::from([("key".into(), hex::encode(self.seed.value("key", 16))), ("width".into(), WIDTH.to_string()), ("height".into(), HEIGHT.to_string())])
    }

    /// No check: the exercise asks choice questions about the pictures.
    fn reference(&self, _check: &str) -> Option<String> {
        None
    }

    fn run_tool(&self, tool: &str, _inputs: &Inputs) -> Result<ToolRun, Msg> {
        Err(Msg::UnknownTool(tool))
    }

    /// The icon in clear, in ECB and in CBC, in that order.
    fn view(&self, request: &ViewRequest) -> Result<ViewData, Msg> {
        if *request != ViewRequest::Pictures {
            return Err(Msg::LabUnavailable());
        }
        let image = |id: &str, caption: M, alt: M, rgba: Vec<u8>| Picture { id: id.into(), caption, alt, width: WIDTH as u32, height: HEIGHT as u32, rgba };
        Ok(ViewData::Pictures(vec![
            image("picture-clear", M::EcbPictureClear, M::EcbPictureClearAlt, picture()),
            image("picture-ecb", M::EcbPictureEcb, M::EcbPictureEncryptedAlt, encrypted("ecb", &self.seed)),
            image("picture-cbc", M::EcbPictureCbc, M::EcbPictureEncryptedAlt, encrypted("cbc", &self.seed)),
        ]))
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

    /// What the page draws: three pictures, clear / ECB / CBC, with their captions; the ECB one
    /// keeps as few distinct blocks as the clear one, the CBC one has nearly all blocks distinct.
    #[test]
    fn the_view_gives_the_three_pictures_and_ecb_keeps_the_blocks() {
        let lab = build(&Params::default(), &InstanceSeed::derive(&[5; 32], "seclab-core", "ecb-picture"));
        let Ok(ViewData::Pictures(pictures)) = lab.view(&ViewRequest::Pictures) else { panic!("no pictures") };
        let ids: Vec<&str> = pictures.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["picture-clear", "picture-ecb", "picture-cbc"]);
        assert_eq!(pictures.iter().map(|p| p.caption).collect::<Vec<_>>(), [M::EcbPictureClear, M::EcbPictureEcb, M::EcbPictureCbc]);
        assert_eq!(pictures.iter().map(|p| p.alt).collect::<Vec<_>>(), [M::EcbPictureClearAlt, M::EcbPictureEncryptedAlt, M::EcbPictureEncryptedAlt]);
        for p in &pictures {
            assert_eq!((p.width, p.height, p.rgba.len()), (WIDTH as u32, HEIGHT as u32, WIDTH * HEIGHT * 4), "{}", p.id);
            assert!(p.rgba.chunks(4).all(|px| px[3] == 255), "{} is opaque", p.id);
        }
        let total = WIDTH * HEIGHT * 4 / 16;
        let [clear, ecb, cbc] = [0, 1, 2].map(|i| distinct_blocks(&pictures[i].rgba));
        assert!(clear < total / 4, "{clear} of {total}");
        assert_eq!(ecb, clear, "ECB keeps the icon's blocks");
        assert!(cbc > total * 99 / 100, "CBC: {cbc} of {total}");
        assert_ne!(pictures[1].rgba, pictures[0].rgba, "the ECB picture is encrypted");
        // Another learner's key gives other ciphertext pixels, the same shape.
        let other = build(&Params::default(), &InstanceSeed::derive(&[6; 32], "seclab-core", "ecb-picture"));
        let Ok(ViewData::Pictures(theirs)) = other.view(&ViewRequest::Pictures) else { panic!("no pictures") };
        assert_ne!(theirs[1].rgba, pictures[1].rgba);
        assert_eq!(distinct_blocks(&theirs[1].rgba), clear);
        assert!(lab.view(&ViewRequest::initial("fleet")).is_err());
    }
}
