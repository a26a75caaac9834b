//! Teaching wrappers over the RustCrypto crates. Each function takes and returns plain byte
//! slices so that engines, the command line and the UI share one implementation; errors are
//! sentences a learner can act on (they name the valid sizes).

use aes::cipher::{BlockCipherEncrypt, BlockModeDecrypt, BlockModeEncrypt, KeyInit, KeyIvInit, StreamCipher};
use hmac::Mac;
use sha2::{Digest, Sha256};

use crate::core::msg::{Arg, Msg, M};

mod signatures;
pub use signatures::*;

pub const AES_BLOCK: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CryptoError {
    KeyLength { found: usize, expected: M },
    IvLength { found: usize },
    NotWholeBlocks { found: usize },
    OutputTooLong { requested: usize, max: usize },
}

impl CryptoError {
    /// The message for a learner, in the catalogue.
    pub fn msg(&self) -> Msg {
        match self {
            CryptoError::KeyLength { found, expected } => Msg::CryptoKeyLength(Arg::bytes(*found), *expected),
            CryptoError::IvLength { found } => Msg::CryptoIvLength(Arg::bytes(*found)),
            CryptoError::NotWholeBlocks { found } => Msg::CryptoNotWholeBlocks(Arg::bytes(*found)),
            CryptoError::OutputTooLong { requested, max } => Msg::CryptoOutputTooLong(*requested, *max),
        }
    }
}

impl std::fmt::Display for CryptoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg().en())
    }
}

fn aes128_key(key: &[u8]) -> Result<[u8; 16], CryptoError> {
    key.try_into().map_err(|_| CryptoError::KeyLength { found: key.len(), expected: M::KeyAes128 })
}

fn iv16(iv: &[u8]) -> Result<[u8; 16], CryptoError> {
    iv.try_into().map_err(|_| CryptoError::IvLength { found: iv.len() })
}

fn whole_blocks(data: &[u8]) -> Result<(), CryptoError> {
    if data.is_empty() || !data.len().is_multiple_of(AES_BLOCK) {
        return Err(CryptoError::NotWholeBlocks { found: data.len() });
    }
    Ok(())
}

/// AES-128 in ECB mode over whole blocks, no padding (the lesson shows the raw blocks).
pub fn aes128_ecb_encrypt(key: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let cipher = aes::Aes128::new(&aes128_key(key)?.into());
    whole_blocks(plaintext)?;
    let mut out = plaintext.to_vec();
    for chunk in out.chunks_exact_mut(AES_BLOCK) {
        let block: &mut [u8; 16] = chunk.try_into().expect("chunks_exact gives 16 bytes");
        cipher.encrypt_block(block.into());
    }
    Ok(out)
}

/// AES-128 in CBC mode over whole blocks, no padding.
pub fn aes128_cbc_encrypt(key: &[u8], iv: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let key = aes128_key(key)?;
    let iv = iv16(iv)?;
    whole_blocks(plaintext)?;
    let mut enc = cbc::Encryptor::<aes::Aes128>::new(&key.into(), &iv.into());
    let mut out = plaintext.to_vec();
    for chunk in out.chunks_exact_mut(AES_BLOCK) {
        let block: &mut [u8; 16] = chunk.try_into().expect("chunks_exact gives 16 bytes");
        enc.encrypt_block(block.into());
    }
    Ok(out)
}

/// PKCS#7 padding to 16-byte blocks (RFC 5652 §6.3), written out because the lessons show the
/// padding bytes (and the padding oracle attacks them).
pub fn pkcs7_pad(data: &[u8]) -> Vec<u8> {
    let n = AES_BLOCK - data.len() % AES_BLOCK;
    let mut v = data.to_vec();
    v.extend(std::iter::repeat_n(n as u8, n));
    v
}

/// AES-128-CBC decryption over whole blocks, no padding removed (the padding oracle looks at it).
pub fn aes128_cbc_decrypt(key: &[u8], iv: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let key = aes128_key(key)?;
    let iv = iv16(iv)?;
    whole_blocks(ciphertext)?;
    let mut dec = cbc::Decryptor::<aes::Aes128>::new(&key.into(), &iv.into());
    let mut out = ciphertext.to_vec();
    for chunk in out.chunks_exact_mut(AES_BLOCK) {
        let block: &mut [u8; 16] = chunk.try_into().expect("chunks_exact gives 16 bytes");
        dec.decrypt_block(block.into());
    }
    Ok(out)
}

/// AES-128 in CTR mode with a 128-bit big-endian counter (NIST SP 800-38A); any length.
pub fn aes128_ctr_apply(key: &[u8], initial_counter: &[u8], data: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let key = aes128_key(key)?;
    let iv = iv16(initial_counter)?;
    let mut cipher = ctr::Ctr128BE::<aes::Aes128>::new(&key.into(), &iv.into());
    let mut out = data.to_vec();
    cipher.apply_keystream(&mut out);
    Ok(out)
}

pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = hmac::Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// Checks an HMAC-SHA256 tag in constant time; a missing tag is a wrong tag.
pub fn hmac_sha256_verify(key: &[u8], data: &[u8], tag: Option<&[u8]>) -> bool {
    use subtle::ConstantTimeEq;
    let expected = hmac_sha256(key, data);
    tag.is_some_and(|t| bool::from(t.ct_eq(&expected[..])))
}

/// HKDF-SHA256 (RFC 5869): extract then expand to `length` bytes.
pub fn hkdf_sha256(salt: &[u8], ikm: &[u8], info: &[u8], length: usize) -> Result<Vec<u8>, CryptoError> {
    let max = 255 * 32;
    if length > max {
        return Err(CryptoError::OutputTooLong { requested: length, max });
    }
    let hk = hkdf::Hkdf::<Sha256>::new(Some(salt), ikm);
    let mut okm = vec![0u8; length];
    hk.expand(info, &mut okm).map_err(|_| CryptoError::OutputTooLong { requested: length, max })?;
    Ok(okm)
}

/// HKDF-Extract alone, to show the pseudo-random key of RFC 5869.
pub fn hkdf_sha256_extract(salt: &[u8], ikm: &[u8]) -> [u8; 32] {
    let (prk, _) = hkdf::Hkdf::<Sha256>::extract(Some(salt), ikm);
    prk.into()
}

/// AES-128-GCM seal (NIST SP 800-38D): ciphertext followed by the 16-byte tag.
pub fn aes128_gcm_seal(key: &[u8], nonce: &[u8; 12], aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
    use aes_gcm::aead::{Aead, Payload};
    let cipher = aes_gcm::Aes128Gcm::new_from_slice(&aes128_key(key)?).expect("16-byte key");
    Ok(cipher.encrypt(nonce.into(), Payload { msg: plaintext, aad }).expect("lab messages are far below GCM's length limit"))
}

/// AES-128-GCM open: the plaintext if the tag matches, nothing otherwise (no partial release).
pub fn aes128_gcm_open(key: &[u8], nonce: &[u8; 12], aad: &[u8], ciphertext_and_tag: &[u8]) -> Result<Option<Vec<u8>>, CryptoError> {
    use aes_gcm::aead::{Aead, Payload};
    let cipher = aes_gcm::Aes128Gcm::new_from_slice(&aes128_key(key)?).expect("16-byte key");
    Ok(cipher.decrypt(nonce.into(), Payload { msg: ciphertext_and_tag, aad }).ok())
}

fn key32(bytes: &[u8], what: M) -> Result<[u8; 32], CryptoError> {
    bytes.try_into().map_err(|_| CryptoError::KeyLength { found: bytes.len(), expected: what })
}

/// X25519 public key of a private scalar (RFC 7748; clamping is done by the function).
pub fn x25519_public(private: &[u8]) -> Result<[u8; 32], CryptoError> {
    let secret = x25519_dalek::StaticSecret::from(key32(private, M::KeyX25519Private)?);
    Ok(x25519_dalek::PublicKey::from(&secret).to_bytes())
}

/// X25519 shared secret of our private scalar and their public u-coordinate.
pub fn x25519_shared(private: &[u8], their_public: &[u8]) -> Result<[u8; 32], CryptoError> {
    let k = key32(private, M::KeyX25519Private)?;
    let u = key32(their_public, M::KeyX25519Public)?;
    Ok(x25519_dalek::x25519(k, u))
}

/// ChaCha20-Poly1305 seal (RFC 8439 §2.8): ciphertext followed by the 16-byte tag.
pub fn chacha20_poly1305_seal(key: &[u8], nonce: &[u8; 12], aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
    use chacha20poly1305::aead::{Aead, Payload};
    let key = key32(key, M::KeyChaCha)?;
    let cipher = chacha20poly1305::ChaCha20Poly1305::new_from_slice(&key).expect("32-byte key");
    Ok(cipher.encrypt(nonce.into(), Payload { msg: plaintext, aad }).expect("lab messages are far below the length limit"))
}

/// ChaCha20-Poly1305 open: the plaintext if the tag matches, nothing otherwise.
pub fn chacha20_poly1305_open(key: &[u8], nonce: &[u8; 12], aad: &[u8], ciphertext_and_tag: &[u8]) -> Result<Option<Vec<u8>>, CryptoError> {
    use chacha20poly1305::aead::{Aead, Payload};
    let key = key32(key, M::KeyChaCha)?;
    let cipher = chacha20poly1305::ChaCha20Poly1305::new_from_slice(&key).expect("32-byte key");
    Ok(cipher.decrypt(nonce.into(), Payload { msg: ciphertext_and_tag, aad }).ok())
}

pub mod bigint;
pub mod rsa_kit;
#[cfg(test)]
mod tests;
