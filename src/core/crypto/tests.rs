//! Published vectors, each cited, each paired with a tampered case that must not match.
use super::*;

fn h(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap()
}

const NIST_KEY: &str = "2b7e151628aed2a6abf7158809cf4f3c";
const NIST_P1: &str = "6bc1bee22e409f96e93d7e117393172a";

/// NIST SP 800-38A, Appendix F.1.1 (ECB-AES128.Encrypt), block #1.
#[test]
fn aes128_ecb_nist_sp800_38a_f11() {
    let ct = aes128_ecb_encrypt(&h(NIST_KEY), &h(NIST_P1)).unwrap();
    assert_eq!(hex::encode(&ct), "3ad77bb40d7a3660a89ecaf32466ef97");
    let mut tampered_key = h(NIST_KEY);
    tampered_key[0] ^= 1;
    assert_ne!(hex::encode(aes128_ecb_encrypt(&tampered_key, &h(NIST_P1)).unwrap()), "3ad77bb40d7a3660a89ecaf32466ef97");
}

/// NIST SP 800-38A, Appendix F.2.1 (CBC-AES128.Encrypt), block #1.
#[test]
fn aes128_cbc_nist_sp800_38a_f21() {
    let iv = h("000102030405060708090a0b0c0d0e0f");
    let ct = aes128_cbc_encrypt(&h(NIST_KEY), &iv, &h(NIST_P1)).unwrap();
    assert_eq!(hex::encode(&ct), "7649abac8119b246cee98e9b12e9197d");
    let mut tampered_iv = iv.clone();
    tampered_iv[15] ^= 0x80;
    assert_ne!(hex::encode(aes128_cbc_encrypt(&h(NIST_KEY), &tampered_iv, &h(NIST_P1)).unwrap()), "7649abac8119b246cee98e9b12e9197d");
}

/// NIST SP 800-38A, Appendix F.2.2 (CBC-AES128.Decrypt), block #1.
#[test]
fn aes128_cbc_decrypt_nist_sp800_38a_f22() {
    let iv = h("000102030405060708090a0b0c0d0e0f");
    let pt = aes128_cbc_decrypt(&h(NIST_KEY), &iv, &h("7649abac8119b246cee98e9b12e9197d")).unwrap();
    assert_eq!(hex::encode(&pt), NIST_P1);
    // A flipped IV bit flips the same plaintext bit: the lesson of CBC bit-flipping.
    let mut flipped = iv.clone();
    flipped[0] ^= 0x01;
    let pt2 = aes128_cbc_decrypt(&h(NIST_KEY), &flipped, &h("7649abac8119b246cee98e9b12e9197d")).unwrap();
    assert_ne!(hex::encode(&pt2), NIST_P1);
    assert_eq!(pt2[0] ^ pt[0], 0x01);
}

/// NIST SP 800-38A, Appendix F.5.1 (CTR-AES128.Encrypt), block #1.
#[test]
fn aes128_ctr_nist_sp800_38a_f51() {
    let counter = h("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
    let ct = aes128_ctr_apply(&h(NIST_KEY), &counter, &h(NIST_P1)).unwrap();
    assert_eq!(hex::encode(&ct), "874d6191b620e3261bef6864990db6ce");
    // CTR is its own inverse: applying the keystream again gives the plaintext back.
    assert_eq!(aes128_ctr_apply(&h(NIST_KEY), &counter, &ct).unwrap(), h(NIST_P1));
    let mut tampered = h(NIST_P1);
    tampered[0] ^= 1;
    assert_ne!(hex::encode(aes128_ctr_apply(&h(NIST_KEY), &counter, &tampered).unwrap()), "874d6191b620e3261bef6864990db6ce");
}

#[test]
fn aes_rejects_bad_sizes_with_the_valid_ones() {
    let err = aes128_ecb_encrypt(&[0; 15], &[0; 16]).unwrap_err();
    assert_eq!(err.to_string(), "key is 15 bytes; expected 16 bytes (32 hex digits) for AES-128");
    let err = aes128_cbc_encrypt(&[0; 16], &[0; 16], &[0; 17]).unwrap_err();
    assert_eq!(err.to_string(), "input is 17 bytes; this mode without padding needs a multiple of 16 bytes");
    assert!(matches!(aes128_ctr_apply(&[0; 16], &[0; 8], b"x"), Err(CryptoError::IvLength { found: 8 })));
}

/// FIPS 180-2, Appendix B.1: SHA-256("abc").
#[test]
fn sha256_fips_180_2_b1() {
    assert_eq!(hex::encode(sha256(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_ne!(hex::encode(sha256(b"abd")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/// RFC 4231, section 4.3 (Test Case 2): HMAC-SHA-256 with key "Jefe".
#[test]
fn hmac_sha256_rfc4231_case2() {
    let tag = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
    assert_eq!(hex::encode(tag), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    let tag = hmac_sha256(b"Jeff", b"what do ya want for nothing?");
    assert_ne!(hex::encode(tag), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

/// RFC 5869, Appendix A.1 (Test Case 1): HKDF-SHA256.
#[test]
fn hkdf_sha256_rfc5869_a1() {
    let ikm = [0x0b; 22];
    let salt = h("000102030405060708090a0b0c");
    let info = h("f0f1f2f3f4f5f6f7f8f9");
    assert_eq!(hex::encode(hkdf_sha256_extract(&salt, &ikm)), "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    let okm = hkdf_sha256(&salt, &ikm, &info, 42).unwrap();
    assert_eq!(hex::encode(&okm), "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    let okm = hkdf_sha256(&salt, &ikm, b"tampered info", 42).unwrap();
    assert_ne!(hex::encode(&okm), "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    assert_eq!(hkdf_sha256(&salt, &ikm, &info, 255 * 32 + 1), Err(CryptoError::OutputTooLong { requested: 8161, max: 8160 }));
}

/// RFC 7748, section 6.1: X25519 key agreement between Alice and Bob.
#[test]
fn x25519_rfc7748_6_1() {
    let alice = h("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    let bob = h("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    let alice_pub = x25519_public(&alice).unwrap();
    let bob_pub = x25519_public(&bob).unwrap();
    assert_eq!(hex::encode(alice_pub), "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    assert_eq!(hex::encode(bob_pub), "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    let k = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    assert_eq!(hex::encode(x25519_shared(&alice, &bob_pub).unwrap()), k);
    assert_eq!(hex::encode(x25519_shared(&bob, &alice_pub).unwrap()), k);
    let mut tampered = bob_pub;
    tampered[0] ^= 1;
    assert_ne!(hex::encode(x25519_shared(&alice, &tampered).unwrap()), k);
}

/// McGrew–Viega, "The Galois/Counter Mode of Operation", test case 2 (all-zero key, IV and
/// block), and test case 4 (with associated data) for the AAD binding.
#[test]
fn aes128_gcm_mcgrew_viega_cases_2_and_4() {
    let sealed = aes128_gcm_seal(&[0; 16], &[0; 12], &[], &[0; 16]).unwrap();
    assert_eq!(hex::encode(&sealed), "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf");
    assert_eq!(aes128_gcm_open(&[0; 16], &[0; 12], &[], &sealed).unwrap(), Some(vec![0; 16]));
    let mut tampered = sealed.clone();
    tampered[0] ^= 1;
    assert_eq!(aes128_gcm_open(&[0; 16], &[0; 12], &[], &tampered).unwrap(), None);

    let key = h("feffe9928665731c6d6a8f9467308308");
    let nonce: [u8; 12] = h("cafebabefacedbaddecaf888").try_into().unwrap();
    let aad = h("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    let pt = h("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    let sealed = aes128_gcm_seal(&key, &nonce, &aad, &pt).unwrap();
    assert_eq!(hex::encode(&sealed[pt.len()..]), "5bc94fbc3221a5db94fae95ae7121a47");
    assert_eq!(hex::encode(&sealed[..16]), "42831ec2217774244b7221b784d0d49c");
    // The same ciphertext with one AAD bit changed is refused: AAD is authenticated.
    let mut other_aad = aad.clone();
    other_aad[0] ^= 1;
    assert_eq!(aes128_gcm_open(&key, &nonce, &other_aad, &sealed).unwrap(), None);
    assert_eq!(aes128_gcm_open(&key, &nonce, &aad, &sealed).unwrap(), Some(pt));
}

/// RFC 8439 §2.8.2 (AEAD_CHACHA20_POLY1305), the tag, then a tampered ciphertext refused.
#[test]
fn chacha20_poly1305_rfc8439_2_8_2() {
    let key = h("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    let nonce: [u8; 12] = h("070000004041424344454647").try_into().unwrap();
    let aad = h("50515253c0c1c2c3c4c5c6c7");
    let pt = b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";
    let sealed = chacha20_poly1305_seal(&key, &nonce, &aad, pt).unwrap();
    assert_eq!(hex::encode(&sealed[sealed.len() - 16..]), "1ae10b594f09e26a7e902ecbd0600691");
    assert_eq!(&sealed[..4], &h("d31a8d34")[..]);
    assert_eq!(chacha20_poly1305_open(&key, &nonce, &aad, &sealed).unwrap().as_deref(), Some(&pt[..]));
    let mut tampered = sealed.clone();
    tampered[0] ^= 1;
    assert_eq!(chacha20_poly1305_open(&key, &nonce, &aad, &tampered).unwrap(), None);
    assert!(chacha20_poly1305_seal(&key[..16], &nonce, &aad, pt).is_err());
}
