//! RSA wrappers against published vectors (Wycheproof), each paired with a tampered case.
use super::*;

fn h(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap()
}

/// The 2048-bit key of Wycheproof `rsa_oaep_2048_sha256_mgf1sha256_test.json` (C2SP/wycheproof,
/// testvectors_v1); `rsa_pss_2048_sha256_mgf1_32_test.json` uses the same modulus.
const W_N: &str = "a2b451a07d0aa5f96e455671513550514a8a5b462ebef717094fa1fee82224e637f9746d3f7cafd31878d80325b6ef5a1700f65903b469429e89d6eac8845097b5ab393189db92512ed8a7711a1253facd20f79c15e8247f3d3e42e46e48c98e254a2fe9765313a03eff8f17e1a029397a1fa26a8dce26f490ed81299615d9814c22da610428e09c7d9658594266f5c021d0fceca08d945a12be82de4d1ece6b4c03145b5d3495d4ed5411eb878daf05fd7afc3e09ada0f1126422f590975a1969816f48698bcbba1b4d9cae79d460d8f9f85e7975005d9bc22c4e5ac0f7c1a45d12569a62807d3b9a02e5a530e773066f453d1f5b4c2e9cf7820283f742b9d5";
const W_D: &str = "24cdc62317f5d72a6f6ba6cc9632899b01d1ff28867d72f61688995bc855a4e420a8405250089bdb13cf8e09543827b748b9d27fbb2b4d9e20af8c5a6a862796d1a4cc18ad16ea678bc1bd4a83bbbe9c5e57453b5ce7388e41a3ba4ce2b77b4438a229e954f720dae0353dc088ac8a76b26dc276f8e1b7851ddd6398ad16ff2e78195123b9b036e945c38c9d12434f6df76fe22359eb3e1ac9c011678fc926fad3ae475a4fffff55feb2d147e9c894f4c0e29a599e762462482d968bf42780945fc0d2c31c573c4431b8f4fe8b8c67bec815abd44f7a86edca1c2308737358d2c2ae5e2e0e2dadf730980262377e58b13b7d9992060a0bc870ccfdb4a9319ee1";
const W_P: &str = "dc431050f782e894fb5248247d98cb7d58b8d1e24f3b55d041c56e4de086b0d5bb028bda42eeb5d234d5681e5809d415e6a289ad4cfbf78f978f6c35814f50eebff1c5b80a69f788e81e6bab5ddaa78369d659d143ec6f17e79813a575cfad9c569156b90113e2e9110ad9e7b48a1c9348a6e653321191290ea36cfb3a5b18f1";
const W_Q: &str = "bd1a81e7977f9898122273ae3222b598ea5fb19eb4eabc38308a5e32196603b2e500ffb79f5b886816611debc472fac45544070beb057c941378a6868af3b7a03d3f9880ec47d5e089b94fbde542aba9ae8d72c57088d7abf5b131f39098f7bc160f90536abc9492fd4e06f3ed7299d4b97bb03677207d95669f140cfbc20f25";
const W_DP: &str = "a94b528b28f291599121d91952ffd1c7f21d7c1479d99d478885fb161870ee1218bf08472612dbe5497e8d9c650688e09c786961ae3e2c354dc48ae34514759c4c23c4588488961dc06b414e61c0e1e7fbbd2923d31532fe289f96da220711e58c14019808e00414276933bb07e4efb9b4a9b37656917205209f33f09515d7c1";
const E: &str = "010001";

/// Wycheproof rsa_oaep_2048_sha256_mgf1sha256, tcId 3 ("Normal"): ct decrypts to "Test".
const OAEP_TC3_CT: &str = "5eab3f0741e63986ed647d53e1cd71df041986900803d0f99c68355d249a15a47dc5b4f70a191477654299e5a2731f3b4eec76dea18262fc696ac794e5f66cbfcddac4472c578e246c26707598055584540b839836b1404c5611ae558a984cee8fd036cea924e0be2474a940f61e0acc14fcae95ebdc59942a9ce9af9a9c81999f7f6815f057ffdc2533cb15d6391d1e2d95f16f9c04209c889a4c359c7d2926d28a66e2b030a416b928d2825627998e5191fb4983a6e65024262d94fc09187a2d78162122433251d1bfcc8e507d06eba2d229c10031261da32ab8ccd15f1c5f9fbf07ed158483d736a110af4b44d6a4da60d6cb519b4454213cf9f0dc560f2b";

/// Wycheproof rsa_pss_2048_sha256_mgf1_32, tcId 3 ("Normal"): a valid signature of "Test".
const PSS_TC3_SIG: &str = "401eb03cdb47ca88033e3030f6bdecbac8f5c8fc1dd6a13d23d379ed9a2b309891d13d74fea9d21d159b9e6d8f37efa2489962e24555f56dd434ff1d31ce4f9f5abd3f22cbea8b691d6a11e44efb83e2bca155e6a164325e0fde2a8865afd5c9f51161a9d615f62af7ec2e31b3e5ab649c164490d31d88cfae35b84aea7925690f929a144b6d2f48e8fb894a52deecd1b9a6496990c4ecf1588699a42cacd10c53af350514e4291ea9a058e77f101e32c1c0cefa61d945f7bc931f8bd19e7ba3169358a60e5a8b0123bc3199b9fdcafe8e519c41ba675491a27b85e44ef2d77277c10fe107293c8290186913bc9a99b640d8da041b64f31eab1d35920985f4a5";

fn wycheproof_key() -> RsaPrivateKey {
    private_key(&h(W_P), &h(W_Q), &h(E)).unwrap()
}

#[test]
fn a_key_rebuilt_from_p_q_e_matches_the_wycheproof_key() {
    let parts = parts(&wycheproof_key());
    assert_eq!(hex::encode(&parts.n), W_N);
    assert_eq!(hex::encode(&parts.p), W_P);
    assert_eq!(hex::encode(&parts.dp), W_DP);
    // `rsa` computes d mod λ(n) (NIST SP 800-56B); Wycheproof's d is mod φ(n) or λ(n): both
    // decrypt, so compare what matters: e·d ≡ 1 mod (p−1) and mod (q−1).
    use crate::core::crypto::bigint::{from_bytes, modulo};
    let e = from_bytes(&h(E));
    for (d, p) in [(from_bytes(&parts.d), from_bytes(&h(W_P))), (from_bytes(&h(W_D)), from_bytes(&h(W_Q)))] {
        assert_eq!(modulo(&(e.clone() * d), &(p - 1u32)), 1u32.into());
    }
    // Tampered: a changed prime is refused or gives another modulus.
    let mut q = h(W_Q);
    q[10] ^= 1;
    assert!(private_key(&h(W_P), &q, &h(E)).map(|k| hex::encode(parts_n(&k)) != W_N).unwrap_or(true));
}

fn parts_n(k: &RsaPrivateKey) -> Vec<u8> {
    parts(k).n
}

#[test]
fn oaep_sha256_wycheproof_tc3_decrypts_and_a_tampered_ciphertext_is_refused() {
    let key = wycheproof_key();
    assert_eq!(oaep_decrypt(&key, &h(OAEP_TC3_CT)).unwrap(), b"Test");
    let mut tampered = h(OAEP_TC3_CT);
    tampered[100] ^= 1;
    assert!(oaep_decrypt(&key, &tampered).unwrap_err().en().starts_with("decryption refused"));
    // Round trip with the public key alone, and the size check names the limit.
    let public = public_key(&h(W_N), &h(E)).unwrap();
    let c = oaep_encrypt(&public, b"sensor 42: 21.5 C").unwrap();
    assert_ne!(c, oaep_encrypt(&public, b"sensor 42: 21.5 C").unwrap(), "OAEP is randomised");
    assert_eq!(oaep_decrypt(&key, &c).unwrap(), b"sensor 42: 21.5 C");
    assert_eq!(oaep_encrypt(&public, &[0u8; 191]).unwrap_err().en(), "the message is 191 bytes; OAEP-SHA256 carries at most 190 with this key: shorten it or use a larger key");
    assert_eq!(oaep_decrypt(&key, &[1u8; 10]).unwrap_err().en(), "the ciphertext is 10 bytes; with this key it is exactly 256");
}

#[test]
fn pss_sha256_wycheproof_tc3_verifies_and_tampered_inputs_do_not() {
    let public = public_key(&h(W_N), &h(E)).unwrap();
    assert!(pss_verify(&public, b"Test", &h(PSS_TC3_SIG)));
    assert!(!pss_verify(&public, b"Tesu", &h(PSS_TC3_SIG)));
    let mut sig = h(PSS_TC3_SIG);
    sig[0] ^= 1;
    assert!(!pss_verify(&public, b"Test", &sig));
    // Our own signatures verify, and are randomised by the salt.
    let key = wycheproof_key();
    let s1 = pss_sign(&key, b"firmware 2.4.1").unwrap();
    assert!(pss_verify(&public, b"firmware 2.4.1", &s1));
    assert_ne!(s1, pss_sign(&key, b"firmware 2.4.1").unwrap());
    assert!(!pss_verify(&public, b"firmware 2.4.2", &s1));
}

/// No stored PKCS#1 v1.5 encryption vector was checked here: round trip, tamper, and the
/// property that the padding is randomised (RFC 8017 §7.2.1: PS is random non-zero bytes).
#[test]
fn pkcs1v15_round_trip_tamper_and_randomised_padding() {
    let key = wycheproof_key();
    let public = public_key(&h(W_N), &h(E)).unwrap();
    let c = pkcs1v15_encrypt(&public, b"valve open").unwrap();
    assert_ne!(c, pkcs1v15_encrypt(&public, b"valve open").unwrap());
    assert_eq!(pkcs1v15_decrypt(&key, &c).unwrap(), b"valve open");
    let mut tampered = c.clone();
    tampered[0] ^= 0x40;
    // Implicit rejection: no error, but not the message either.
    assert_ne!(pkcs1v15_decrypt(&key, &tampered).map(|m| m == b"valve open").ok(), Some(true));
    assert_eq!(pkcs1v15_capacity(256), 245);
}

#[test]
fn prime_search_finds_primes_and_keys_of_the_asked_size() {
    // Deterministic from a start: the same start gives the same prime.
    let start = [0x12u8; 32];
    let (p, tested) = prime_search(&start, 256, 10_000);
    let p = p.unwrap();
    assert!(tested >= 1);
    assert_eq!(prime_search(&start, 256, 10_000).0.unwrap(), p);
    assert_eq!(p.len(), 32);
    assert!(p[0] >= 0xc0);
    assert!(crypto_primes::is_prime(crypto_primes::Flavor::Any, &uint(&p)));
    // A composite is never returned: 15·17 = 255 style check on a known composite.
    assert!(!crypto_primes::is_prime(crypto_primes::Flavor::Any, &uint(&[0xff, 0xff])));
    let (q, _) = prime_search(&[0x34u8; 32], 256, 10_000);
    let key = private_key(&p, &q.unwrap(), &F4.to_be_bytes()).unwrap();
    assert_eq!(key.n().as_ref().bit_width_vartime(), 512);
    assert!(check_bits(1000).is_err());
    assert_eq!(check_bits(2048).unwrap(), 2048);
    assert!(public_key(&[0x0f; 32], &[3]).unwrap_err().en().contains("512 to 4096 bits"));
}

/// Exercise instances draw their primes with the teaching search of `bigint` (trial division
/// and Miller-Rabin base 2): each one also passes `crypto-primes`' Baillie-PSW test.
#[test]
fn instance_primes_pass_the_full_test() {
    use crate::core::crypto::bigint;
    for k in 0..40u8 {
        let p = bigint::seeded_prime(256, |i| crate::core::crypto::sha256(&[k, i as u8]).to_vec(), |_| true);
        assert!(crypto_primes::is_prime(crypto_primes::Flavor::Any, &uint(&p.to_bytes_be())), "{p}");
        assert_eq!(p.bits(), 256);
    }
    // And the teaching test itself: 2³¹ − 1 (a Mersenne prime) passes, 561 (Carmichael) does not.
    assert!(bigint::is_strong_probable_prime_base2(&2147483647u32.into()));
    assert!(!bigint::is_strong_probable_prime_base2(&561u32.into()));
    assert!(!bigint::is_strong_probable_prime_base2(&2147483649u32.into()));
}
