//! Sealed texts: a text in a served file that only the right answer opens (the reason of a
//! grid cell). `sealed:SALT:HEX`, HEX = TAG ‖ BODY, where
//! OKM = HKDF-SHA256(salt = SALT, ikm = normalised right answer, info = "seclab sealed text",
//! L = 32 + len(text)), the MAC key is OKM[..32], BODY = text XOR OKM[32..] and
//! TAG = HMAC-SHA256(MAC key, BODY)[..16]. A wrong answer or a changed byte fails the tag, so a
//! seal either opens to the author's text or not at all. Only sha2, hmac and hkdf: what the page
//! already holds. Like a hashed answer, a seal keyed by a short answer (an option id) keeps the
//! text out of sight, not out of reach: each salt must be used for one text only.

use subtle::ConstantTimeEq;

use crate::core::crypto::{hkdf_sha256, hmac_sha256};

pub const SEAL_INFO: &[u8] = b"seclab sealed text";
pub const TAG_LEN: usize = 16;
/// HKDF-SHA256 gives at most 255 × 32 bytes, 32 of which are the MAC key.
pub const MAX_SEALED_LEN: usize = 255 * 32 - 32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub salt: String,
    pub tag: [u8; TAG_LEN],
    pub body: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealError {
    Scheme,
    Parts,
    EmptySalt,
    NotHex,
    TooShort,
    TooLong,
}

impl SealError {
    /// What was wrong, for a message that also says what was expected.
    pub fn describe(&self) -> String {
        match self {
            SealError::Scheme => "it does not start with \"sealed:\"".into(),
            SealError::Parts => "it does not have the three parts sealed, SALT and HEX separated by \":\"".into(),
            SealError::EmptySalt => "its salt is empty".into(),
            SealError::NotHex => "its HEX part is not an even number of lower-case hexadecimal digits".into(),
            SealError::TooShort => format!("its HEX part is shorter than the {TAG_LEN}-byte tag plus one byte of text"),
            SealError::TooLong => format!("it seals more than {MAX_SEALED_LEN} bytes"),
        }
    }
}

fn keys(salt: &str, answer: &str, len: usize) -> Option<([u8; 32], Vec<u8>)> {
    let okm = hkdf_sha256(salt.as_bytes(), answer.as_bytes(), SEAL_INFO, 32 + len).ok()?;
    let mut mac = [0u8; 32];
    mac.copy_from_slice(&okm[..32]);
    Some((mac, okm[32..].to_vec()))
}

impl Sealed {
    pub fn parse(text: &str) -> Result<Sealed, SealError> {
        let rest = text.strip_prefix("sealed:").ok_or(SealError::Scheme)?;
        let mut parts = rest.split(':');
        let (salt, hex_part) = match (parts.next(), parts.next(), parts.next()) {
            (Some(salt), Some(hex_part), None) => (salt, hex_part),
            _ => return Err(SealError::Parts),
        };
        if salt.is_empty() {
            return Err(SealError::EmptySalt);
        }
        if hex_part.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(SealError::NotHex);
        }
        let bytes = hex::decode(hex_part).map_err(|_| SealError::NotHex)?;
        if bytes.len() <= TAG_LEN {
            return Err(SealError::TooShort);
        }
        if bytes.len() - TAG_LEN > MAX_SEALED_LEN {
            return Err(SealError::TooLong);
        }
        let mut tag = [0u8; TAG_LEN];
        tag.copy_from_slice(&bytes[..TAG_LEN]);
        Ok(Sealed { salt: salt.to_string(), tag, body: bytes[TAG_LEN..].to_vec() })
    }

    /// The `sealed:SALT:HEX` line for `text`, opened by `normalized_answer`. None when the text
    /// is empty or longer than [`MAX_SEALED_LEN`], or the salt is empty or holds ":".
    pub fn make(salt: &str, normalized_answer: &str, text: &str) -> Option<String> {
        if salt.is_empty() || salt.contains(':') || text.is_empty() || text.len() > MAX_SEALED_LEN {
            return None;
        }
        let (mac, stream) = keys(salt, normalized_answer, text.len())?;
        let body: Vec<u8> = text.bytes().zip(stream).map(|(b, k)| b ^ k).collect();
        let tag = hmac_sha256(&mac, &body);
        Some(format!("sealed:{salt}:{}{}", hex::encode(&tag[..TAG_LEN]), hex::encode(body)))
    }

    /// The text, if `normalized_answer` is the one it was sealed under and nothing was changed.
    pub fn open(&self, normalized_answer: &str) -> Option<String> {
        let (mac, stream) = keys(&self.salt, normalized_answer, self.body.len())?;
        let tag = hmac_sha256(&mac, &self.body);
        if !bool::from(tag[..TAG_LEN].ct_eq(&self.tag)) {
            return None;
        }
        String::from_utf8(self.body.iter().zip(stream).map(|(b, k)| b ^ k).collect()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seal_opens_with_the_right_answer_only() {
        let line = Sealed::make("demo-r1-c1-en", "yes", "TLS stops at the broker.").unwrap();
        assert!(line.starts_with("sealed:demo-r1-c1-en:"));
        assert!(!line.contains("broker"));
        let sealed = Sealed::parse(&line).unwrap();
        assert_eq!(sealed.open("yes").as_deref(), Some("TLS stops at the broker."));
        assert_eq!(sealed.open("no"), None);
        assert_eq!(sealed.open("yes "), None);
        // Same text and answer, another salt: another line.
        assert_ne!(Sealed::make("demo-r1-c1-fr", "yes", "TLS stops at the broker.").unwrap(), line);
    }

    #[test]
    fn a_tampered_seal_is_refused() {
        let line = Sealed::make("s", "hop", "Le mandataire voit tout.").unwrap();
        let mut sealed = Sealed::parse(&line).unwrap();
        sealed.body[0] ^= 1;
        assert_eq!(sealed.open("hop"), None);
        let mut sealed = Sealed::parse(&line).unwrap();
        sealed.tag[15] ^= 0x80;
        assert_eq!(sealed.open("hop"), None);
        let mut sealed = Sealed::parse(&line).unwrap();
        sealed.salt = "t".into();
        assert_eq!(sealed.open("hop"), None);
    }

    #[test]
    fn the_construction_is_the_documented_one() {
        // Recomputed from the description, with the crypto module's HKDF and HMAC.
        let text = "é, ok";
        let okm = hkdf_sha256(b"salt-1", b"no", b"seclab sealed text", 32 + text.len()).unwrap();
        let body: Vec<u8> = text.bytes().zip(&okm[32..]).map(|(b, k)| b ^ k).collect();
        let tag = hmac_sha256(&okm[..32], &body);
        assert_eq!(Sealed::make("salt-1", "no", text).unwrap(), format!("sealed:salt-1:{}{}", hex::encode(&tag[..16]), hex::encode(&body)));
    }

    #[test]
    fn malformed_seals_are_refused_with_the_reason() {
        assert_eq!(Sealed::parse("sha256:s:00"), Err(SealError::Scheme));
        assert_eq!(Sealed::parse("sealed:onlysalt"), Err(SealError::Parts));
        assert_eq!(Sealed::parse(&format!("sealed::{}", "ab".repeat(20))), Err(SealError::EmptySalt));
        assert_eq!(Sealed::parse("sealed:s:abc"), Err(SealError::NotHex));
        assert_eq!(Sealed::parse(&format!("sealed:s:{}", "AB".repeat(20))), Err(SealError::NotHex));
        assert_eq!(Sealed::parse(&format!("sealed:s:{}", "ab".repeat(16))), Err(SealError::TooShort));
        assert_eq!(Sealed::make("a:b", "x", "t"), None);
        assert_eq!(Sealed::make("s", "x", ""), None);
    }
}
