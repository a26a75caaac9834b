//! Real RSA for the lab, through the `rsa` crate (RFC 8017): OAEP with SHA-256, PKCS#1 v1.5
//! encryption, PSS with SHA-256, and keys assembled from two primes. The primes come from the
//! sieve and Baillie-PSW test of `crypto-primes` (the ones `rsa` itself uses), searched in small
//! steps so that the worker can report progress between steps.
//!
//! Keys are written as hex numbers (n, e, p, q); private operations rebuild the key from p, q and
//! e, which lets the learner carry a generated key from one workbench tool to the next.
//! Honesty: the `rsa` crate carries RUSTSEC-2023-0071 (Marvin timing attack); fine for local
//! teaching keys, never for a server.

use std::num::NonZeroU32;

use ::rsa::traits::{PrivateKeyParts, PublicKeyParts};
use ::rsa::{BoxedUint, Oaep, Pkcs1v15Encrypt, PrivateKey as RsaPrivateKey, Pss, PublicKey as RsaPublicKey};
use crypto_primes::hazmat::SmallFactorsSieve;
use sha2::Sha256;

use crate::core::msg::Msg;

/// Smallest and largest key sizes the lab generates or accepts.
pub const MIN_BITS: u32 = 512;
pub const MAX_BITS: u32 = 4096;
/// The key sizes the workbench offers.
pub const KEY_SIZES: &[&str] = &["512", "768", "1024", "1536", "2048", "3072"];
/// The public exponent of generated keys (F4).
pub const F4: u64 = 65537;

fn uint(bytes: &[u8]) -> BoxedUint {
    BoxedUint::from_be_slice_vartime(bytes)
}

/// Big-endian bytes without leading zeros (at least one byte).
pub fn trimmed(x: &BoxedUint) -> Vec<u8> {
    let b = x.to_be_bytes_trimmed_vartime().to_vec();
    if b.is_empty() {
        vec![0]
    } else {
        b
    }
}

/// Searches for a prime of exactly `bits` bits (a multiple of 8, at least 16), starting from
/// `start` (`bits / 8` bytes; its two top bits and its low bit are set so that the product of two
/// such primes has exactly `2 × bits` bits). Tests at most `max_candidates` numbers that survive
/// the small-factor sieve. Returns the prime if found and how many candidates were tested.
pub fn prime_search(start: &[u8], bits: u32, max_candidates: usize) -> (Option<Vec<u8>>, usize) {
    prime_search_where(start, bits, max_candidates, |_| true)
}

/// [`prime_search`] that skips, before the costly primality test, the candidates `accept`
/// refuses (e.g. p ≡ 1 mod 3 when e = 3).
pub fn prime_search_where(start: &[u8], bits: u32, max_candidates: usize, accept: impl Fn(&[u8]) -> bool) -> (Option<Vec<u8>>, usize) {
    search_from(start, bits, max_candidates, &accept)
}

fn search_from(start: &[u8], bits: u32, max_candidates: usize, accept: &impl Fn(&[u8]) -> bool) -> (Option<Vec<u8>>, usize) {
    assert!(bits >= 16 && bits.is_multiple_of(8) && start.len() == (bits / 8) as usize, "prime_search: {bits} bits from {} bytes", start.len());
    let mut bytes = start.to_vec();
    bytes[0] |= 0xc0;
    *bytes.last_mut().expect("at least 2 bytes") |= 1;
    search(uint(&bytes), bits, max_candidates, accept, |x: &BoxedUint| trimmed(x))
}

fn search<T>(start: T, bits: u32, max_candidates: usize, accept: &impl Fn(&[u8]) -> bool, to_bytes: impl Fn(&T) -> Vec<u8>) -> (Option<Vec<u8>>, usize)
where
    T: crypto_bigint::UnsignedWithMontyForm + crypto_bigint::RandomMod,
{
    let sieve = SmallFactorsSieve::new(start, NonZeroU32::new(bits).expect("bits > 0"), false).expect("the start fits its bit length");
    let mut tested = 0;
    for candidate in sieve.take(max_candidates) {
        tested += 1;
        let bytes = to_bytes(&candidate);
        if accept(&bytes) && crypto_primes::is_prime(crypto_primes::Flavor::Any, &candidate) {
            return (Some(bytes), tested);
        }
    }
    (None, tested)
}

/// One step of a random prime search, from a fresh random start (the operating system's RNG).
pub fn random_prime_step(bits: u32, max_candidates: usize) -> Result<(Option<Vec<u8>>, usize), Msg> {
    let mut start = vec![0u8; (bits / 8) as usize];
    getrandom::fill(&mut start).map_err(|e| Msg::RsaKitRandomFailed(e.to_string()))?;
    Ok(prime_search(&start, bits, max_candidates))
}

/// Checks a key size from the workbench: a multiple of 16 from 512 to 4096.
pub fn check_bits(bits: u32) -> Result<u32, Msg> {
    if !(MIN_BITS..=MAX_BITS).contains(&bits) || !bits.is_multiple_of(16) {
        return Err(Msg::RsaKitKeySize(bits, MIN_BITS, MAX_BITS));
    }
    Ok(bits)
}

fn key_error(e: ::rsa::Error) -> Msg {
    Msg::RsaKitKeyRefused(e.to_string())
}

/// The private key rebuilt from its primes and public exponent (d is recomputed, mod λ(n)).
pub fn private_key(p: &[u8], q: &[u8], e: &[u8]) -> Result<RsaPrivateKey, Msg> {
    let (p, q) = (uint(p), uint(q));
    // `rsa` wants each prime within half the modulus width; give the larger one first.
    let (p, q) = if p >= q { (p, q) } else { (q, p) };
    let key = RsaPrivateKey::from_p_q(p, q, uint(e)).map_err(key_error)?;
    let bits = key.n().as_ref().bit_width_vartime();
    if !(MIN_BITS..=MAX_BITS).contains(&bits) {
        return Err(Msg::RsaKitModulusSize(bits, MIN_BITS, MAX_BITS));
    }
    Ok(key)
}

/// The public key (n, e), from 512 to 4096 bits.
pub fn public_key(n: &[u8], e: &[u8]) -> Result<RsaPublicKey, Msg> {
    RsaPublicKey::new_with_size_limits(uint(n), uint(e), MIN_BITS as usize..=MAX_BITS as usize).map_err(|e| match e {
        ::rsa::Error::ModulusTooSmall | ::rsa::Error::ModulusTooLarge => Msg::RsaKitPublicSize(MIN_BITS, MAX_BITS),
        other => Msg::RsaKitPublicRefused(other.to_string()),
    })
}

/// Every part of a private key, as big-endian bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyParts {
    pub n: Vec<u8>,
    pub e: Vec<u8>,
    pub d: Vec<u8>,
    pub p: Vec<u8>,
    pub q: Vec<u8>,
    pub dp: Vec<u8>,
    pub dq: Vec<u8>,
    pub qinv: Vec<u8>,
}

pub fn parts(key: &RsaPrivateKey) -> KeyParts {
    let primes = key.primes();
    KeyParts {
        n: trimmed(key.n().as_ref()),
        e: trimmed(key.e()),
        d: trimmed(key.d()),
        p: trimmed(primes[0].as_ref()),
        q: trimmed(primes[1].as_ref()),
        dp: key.dp().map(trimmed).unwrap_or_default(),
        dq: key.dq().map(trimmed).unwrap_or_default(),
        qinv: key.crt_coefficient().map(|c| trimmed(&c)).unwrap_or_default(),
    }
}

/// The largest message OAEP-SHA256 carries under a `k`-byte modulus (RFC 8017 §7.1.1: k − 2·hLen − 2).
pub fn oaep_capacity(k: usize) -> usize {
    k.saturating_sub(2 * 32 + 2)
}

/// The largest message PKCS#1 v1.5 encryption carries (RFC 8017 §7.2.1: k − 11).
pub fn pkcs1v15_capacity(k: usize) -> usize {
    k.saturating_sub(11)
}

fn too_long(found: usize, max: usize, scheme: &str) -> Msg {
    Msg::RsaKitTooLong(found, scheme, max)
}

fn check_ciphertext(key: &impl PublicKeyParts, c: &[u8]) -> Result<(), Msg> {
    let k = key.size();
    if c.len() != k {
        return Err(Msg::RsaKitCiphertextLength(c.len(), k));
    }
    Ok(())
}

/// RSAES-OAEP encryption, SHA-256 for the hash and MGF1, empty label (randomised).
pub fn oaep_encrypt(key: &RsaPublicKey, msg: &[u8]) -> Result<Vec<u8>, Msg> {
    oaep_encrypt_with_rng(key, &mut SysRandom, msg)
}

/// OAEP encryption with a chosen random generator (a seeded one gives reproducible exercises).
pub fn oaep_encrypt_with_rng<R: ::rsa::rand_core::TryCryptoRng + ?Sized>(key: &RsaPublicKey, rng: &mut R, msg: &[u8]) -> Result<Vec<u8>, Msg> {
    let max = oaep_capacity(key.size());
    if msg.len() > max {
        return Err(too_long(msg.len(), max, "OAEP-SHA256"));
    }
    key.encrypt(rng, Oaep::<Sha256>::new(), msg).map_err(|e| Msg::RsaKitOaepFailed(e.to_string()))
}

/// RSAES-OAEP decryption: any change to the ciphertext is refused, with one error for every case.
pub fn oaep_decrypt(key: &RsaPrivateKey, c: &[u8]) -> Result<Vec<u8>, Msg> {
    check_ciphertext(key, c)?;
    key.decrypt(Oaep::<Sha256>::new(), c).map_err(|_| Msg::RsaKitOaepRefused())
}

/// RSAES-PKCS1-v1_5 encryption (randomised padding, no integrity).
pub fn pkcs1v15_encrypt(key: &RsaPublicKey, msg: &[u8]) -> Result<Vec<u8>, Msg> {
    let max = pkcs1v15_capacity(key.size());
    if msg.len() > max {
        return Err(too_long(msg.len(), max, "PKCS#1 v1.5"));
    }
    key.encrypt(&mut SysRandom, Pkcs1v15Encrypt, msg).map_err(|e| Msg::RsaKitEncryptFailed(e.to_string()))
}

/// RSAES-PKCS1-v1_5 decryption. The `rsa` crate uses implicit rejection: a ciphertext with bad
/// padding decrypts to a deterministic synthetic message instead of an error, so that no padding
/// oracle (Bleichenbacher 1998) leaks. The protocol around it must authenticate the message.
pub fn pkcs1v15_decrypt(key: &RsaPrivateKey, c: &[u8]) -> Result<Vec<u8>, Msg> {
    check_ciphertext(key, c)?;
    key.decrypt(Pkcs1v15Encrypt, c).map_err(|e| Msg::RsaKitDecryptFailed(e.to_string()))
}

/// RSASSA-PSS signature, SHA-256, MGF1-SHA256, 32-byte random salt.
pub fn pss_sign(key: &RsaPrivateKey, msg: &[u8]) -> Result<Vec<u8>, Msg> {
    use sha2::Digest;
    let hash = Sha256::digest(msg);
    key.sign_with_rng(&mut SysRandom, Pss::<Sha256>::new_with_salt(32), &hash).map_err(|e| Msg::RsaKitSignFailed(e.to_string()))
}

/// RSASSA-PSS verification (SHA-256, MGF1-SHA256, salt length 32). True only for a valid signature.
pub fn pss_verify(key: &RsaPublicKey, msg: &[u8], sig: &[u8]) -> bool {
    use sha2::Digest;
    let hash = Sha256::digest(msg);
    key.verify(Pss::<Sha256>::new_with_salt(32), &hash, sig).is_ok()
}

/// The operating system's random generator (getrandom), for padding, salts and blinding.
pub struct SysRandom;

impl ::rsa::rand_core::TryRng for SysRandom {
    type Error = getrandom::Error;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut b = [0u8; 4];
        getrandom::fill(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut b = [0u8; 8];
        getrandom::fill(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        getrandom::fill(dst)
    }
}

impl ::rsa::rand_core::TryCryptoRng for SysRandom {}

#[cfg(test)]
#[path = "rsa_kit_tests.rs"]
mod tests;
