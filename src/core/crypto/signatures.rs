//! Signature wrappers: Ed25519 (RFC 8032, ed25519-dalek) and ECDSA P-256 with SHA-256
//! (FIPS 186-4, deterministic nonces of RFC 6979, the p256 crate). Keys and signatures are plain
//! bytes: Ed25519 keys 32 bytes, signatures 64; P-256 private scalars 32 bytes, public keys SEC1
//! uncompressed (65 bytes, 04 ‖ x ‖ y), signatures r ‖ s (64 bytes).

use super::CryptoError;
use crate::core::msg::M;

fn bytes32(bytes: &[u8], what: M) -> Result<[u8; 32], CryptoError> {
    bytes.try_into().map_err(|_| CryptoError::KeyLength { found: bytes.len(), expected: what })
}

const ED_SECRET: M = M::KeyEd25519Secret;

pub fn ed25519_public(secret: &[u8]) -> Result<[u8; 32], CryptoError> {
    Ok(ed25519_dalek::SigningKey::from_bytes(&bytes32(secret, ED_SECRET)?).verifying_key().to_bytes())
}

pub fn ed25519_sign(secret: &[u8], message: &[u8]) -> Result<[u8; 64], CryptoError> {
    use ed25519_dalek::Signer;
    Ok(ed25519_dalek::SigningKey::from_bytes(&bytes32(secret, ED_SECRET)?).sign(message).to_bytes())
}

/// Strict verification (RFC 8032 §5.1.7 plus the checks against malleable and small-order
/// inputs); any malformed key or signature is simply "not valid".
pub fn ed25519_verify(public: &[u8], message: &[u8], signature: &[u8]) -> bool {
    let (Ok(public), Ok(signature)) = (<[u8; 32]>::try_from(public), <[u8; 64]>::try_from(signature)) else { return false };
    let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&public) else { return false };
    key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(&signature)).is_ok()
}

const P256_SECRET: M = M::KeyP256Private;

fn p256_signing_key(secret: &[u8]) -> Result<p256::ecdsa::SigningKey, CryptoError> {
    let bytes = bytes32(secret, P256_SECRET)?;
    p256::ecdsa::SigningKey::from_bytes(&bytes.into()).map_err(|_| CryptoError::KeyLength { found: 32, expected: P256_SECRET })
}

/// Whether 32 bytes are a P-256 private scalar (1 ≤ d < n), without computing a point.
pub fn p256_scalar_is_valid(secret: &[u8]) -> bool {
    let Ok(bytes) = <[u8; 32]>::try_from(secret) else { return false };
    Option::<p256::NonZeroScalar>::from(p256::NonZeroScalar::from_repr(bytes.into())).is_some()
}

/// The SEC1 uncompressed public point of a private scalar.
pub fn p256_public(secret: &[u8]) -> Result<Vec<u8>, CryptoError> {
    Ok(p256_signing_key(secret)?.verifying_key().to_sec1_point(false).as_bytes().to_vec())
}

/// ECDSA P-256 / SHA-256 with the RFC 6979 deterministic nonce: r ‖ s.
pub fn ecdsa_p256_sign(secret: &[u8], message: &[u8]) -> Result<[u8; 64], CryptoError> {
    use p256::ecdsa::signature::Signer;
    let signature: p256::ecdsa::Signature = p256_signing_key(secret)?.sign(message);
    Ok(signature.to_bytes().into())
}

/// ECDSA P-256 / SHA-256 with a nonce the caller chooses: what a device with a broken random
/// generator does. Only the nonce-reuse lesson uses it. `None` if k is 0 or not below n.
pub fn ecdsa_p256_sign_with_nonce(secret: &[u8], nonce: &[u8], message: &[u8]) -> Result<Option<[u8; 64]>, CryptoError> {
    use sha2::Digest;
    let key = p256_signing_key(secret)?;
    let k = bytes32(nonce, M::KeyEcdsaNonce)?;
    let Some(k) = Option::<p256::NonZeroScalar>::from(p256::NonZeroScalar::from_repr(k.into())) else { return Ok(None) };
    let z = sha2::Sha256::digest(message);
    Ok(ecdsa::hazmat::sign_prehashed::<p256::NistP256>(key.as_nonzero_scalar(), &k, &z).ok().map(|(sig, _)| sig.to_bytes().into()))
}

pub fn ecdsa_p256_verify(public: &[u8], message: &[u8], signature: &[u8]) -> bool {
    use p256::ecdsa::signature::Verifier;
    let Ok(key) = p256::ecdsa::VerifyingKey::from_sec1_bytes(public) else { return false };
    let Ok(signature) = p256::ecdsa::Signature::from_slice(signature) else { return false };
    key.verify(message, &signature).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> Vec<u8> {
        hex::decode(s).unwrap()
    }

    const RFC8032_T1_SECRET: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    const RFC8032_T1_PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    const RFC8032_T1_SIG: &str = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    /// RFC 8032 §7.1, TEST 1 (empty message).
    #[test]
    fn ed25519_rfc8032_test_1() {
        assert_eq!(hex::encode(ed25519_public(&h(RFC8032_T1_SECRET)).unwrap()), RFC8032_T1_PUBLIC);
        assert_eq!(hex::encode(ed25519_sign(&h(RFC8032_T1_SECRET), b"").unwrap()), RFC8032_T1_SIG);
        assert!(ed25519_verify(&h(RFC8032_T1_PUBLIC), b"", &h(RFC8032_T1_SIG)));
        // Tampered: one message byte, one signature bit, a short signature.
        assert!(!ed25519_verify(&h(RFC8032_T1_PUBLIC), b"x", &h(RFC8032_T1_SIG)));
        let mut sig = h(RFC8032_T1_SIG);
        sig[0] ^= 1;
        assert!(!ed25519_verify(&h(RFC8032_T1_PUBLIC), b"", &sig));
        assert!(!ed25519_verify(&h(RFC8032_T1_PUBLIC), b"", &sig[..63]));
        assert!(ed25519_public(&[0; 31]).unwrap_err().to_string().contains("32 bytes"));
    }

    const RFC6979_X: &str = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
    const RFC6979_SAMPLE_SIG: &str = "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";

    /// RFC 6979 A.2.5, P-256 with SHA-256, message "sample": the key, the nonce k and (r, s).
    #[test]
    fn ecdsa_p256_rfc6979_a25() {
        let public = p256_public(&h(RFC6979_X)).unwrap();
        assert_eq!(hex::encode(&public), "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299");
        assert_eq!(hex::encode(ecdsa_p256_sign(&h(RFC6979_X), b"sample").unwrap()), RFC6979_SAMPLE_SIG);
        // The same signature from the nonce the RFC lists for this case.
        let k = h("a6e3c57dd01abe90086538398355dd4c3b17aa873382b0f24d6129493d8aad60");
        assert_eq!(hex::encode(ecdsa_p256_sign_with_nonce(&h(RFC6979_X), &k, b"sample").unwrap().unwrap()), RFC6979_SAMPLE_SIG);
        assert!(ecdsa_p256_verify(&public, b"sample", &h(RFC6979_SAMPLE_SIG)));
        assert!(!ecdsa_p256_verify(&public, b"samplf", &h(RFC6979_SAMPLE_SIG)));
        let mut sig = h(RFC6979_SAMPLE_SIG);
        sig[40] ^= 1;
        assert!(!ecdsa_p256_verify(&public, b"sample", &sig));
        assert_eq!(ecdsa_p256_sign_with_nonce(&h(RFC6979_X), &[0; 32], b"sample").unwrap(), None);
        let zero = p256_public(&[0; 32]).unwrap_err();
        assert_eq!(zero.msg().render(crate::core::i18n::Lang::Fr), "la clé fait 32 octets ; attendu : 32 octets (64 chiffres hexadécimaux), un scalaire de 1 à n−1, pour une clé privée P-256");
        assert!(p256_scalar_is_valid(&h(RFC6979_X)));
        assert!(!p256_scalar_is_valid(&[0; 32]) && !p256_scalar_is_valid(&[0xff; 32]) && !p256_scalar_is_valid(&[1; 31]));
    }
}
