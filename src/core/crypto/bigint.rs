//! Teaching big-integer arithmetic (`num-bigint`), for the lessons that open the box: textbook
//! RSA, CRT decryption, Håstad's broadcast attack and the common-modulus attack. These are the
//! bare formulas, deliberately without padding or constant-time care: a calculator, not a
//! cryptographic library. Real RSA lives in [`super::rsa_kit`].

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::core::msg::Msg;

/// The longest number the calculator reads, in characters (about 16 000 bits in hex).
pub const MAX_DIGITS: usize = 5000;

/// Reads an integer written in decimal, or in hex with a `0x` prefix; spaces, `_` and `:` are
/// ignored, a leading `-` makes it negative. `field` names the input in the error.
pub fn parse(text: &str, field: &str) -> Result<BigInt, Msg> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace() && *c != '_' && *c != ':').collect();
    if cleaned.is_empty() {
        return Err(Msg::BigintEmpty(field));
    }
    if cleaned.len() > MAX_DIGITS {
        return Err(Msg::BigintTooLong(field, MAX_DIGITS));
    }
    let (negative, body) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.as_str()),
    };
    let parsed = match body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        Some(hex) => BigUint::parse_bytes(hex.as_bytes(), 16),
        None => BigUint::parse_bytes(body.as_bytes(), 10),
    };
    let value = parsed.ok_or_else(|| Msg::BigintNotInteger(field))?;
    Ok(if negative { -BigInt::from(value) } else { BigInt::from(value) })
}

/// A modulus: an integer of at least 2.
pub fn parse_modulus(text: &str, field: &str) -> Result<BigInt, Msg> {
    let n = parse(text, field)?;
    if n < BigInt::from(2) {
        return Err(Msg::BigintModulusTooSmall(field, n.to_string()));
    }
    Ok(n)
}

/// The non-negative residue of `a` mod `n`.
pub fn modulo(a: &BigInt, n: &BigInt) -> BigInt {
    a.mod_floor(n)
}

/// Extended Euclid: (g, x, y) with a·x + b·y = g = gcd(a, b), g ≥ 0.
pub fn egcd(a: &BigInt, b: &BigInt) -> (BigInt, BigInt, BigInt) {
    let (mut old_r, mut r) = (a.clone(), b.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    let (mut old_t, mut t) = (BigInt::zero(), BigInt::one());
    while !r.is_zero() {
        let q = old_r.div_floor(&r);
        let next_r = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, next_r);
        let next_s = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, next_s);
        let next_t = &old_t - &q * &t;
        old_t = std::mem::replace(&mut t, next_t);
    }
    if old_r.is_negative() {
        (-old_r, -old_s, -old_t)
    } else {
        (old_r, old_s, old_t)
    }
}

/// The inverse of `a` mod `n`, or an error that gives gcd(a, n).
pub fn modinv(a: &BigInt, n: &BigInt) -> Result<BigInt, Msg> {
    let (g, x, _) = egcd(&modulo(a, n), n);
    if !g.is_one() {
        return Err(Msg::BigintNoInverse(g.to_string()));
    }
    Ok(modulo(&x, n))
}

/// a^k mod n; a negative k uses the inverse of a (a^−k = (a⁻¹)^k).
pub fn modpow(a: &BigInt, k: &BigInt, n: &BigInt) -> Result<BigInt, Msg> {
    let base = if k.is_negative() { modinv(a, n)? } else { modulo(a, n) };
    let exp = k.abs();
    Ok(base.modpow(&exp, n))
}

/// Chinese remainder theorem: the x in [0, N) with x ≡ aᵢ mod nᵢ for every pair, N = ∏ nᵢ. The
/// moduli must be pairwise coprime (the error names the pair that is not).
pub fn crt(pairs: &[(BigInt, BigInt)]) -> Result<(BigInt, BigInt), Msg> {
    for i in 0..pairs.len() {
        for j in i + 1..pairs.len() {
            let g = pairs[i].1.gcd(&pairs[j].1);
            if !g.is_one() {
                return Err(Msg::BigintNotCoprime(i + 1, j + 1, g.to_string()));
            }
        }
    }
    let big_n: BigInt = pairs.iter().map(|(_, n)| n.clone()).product();
    let mut x = BigInt::zero();
    for (a, n) in pairs {
        let m = &big_n / n;
        let inv = modinv(&m, n)?;
        x += modulo(a, n) * &m * inv;
    }
    Ok((modulo(&x, &big_n), big_n))
}

/// The integer k-th root ⌊x^(1/k)⌋ of x ≥ 0, and whether it is exact.
pub fn iroot(x: &BigInt, k: u32) -> Result<(BigInt, bool), Msg> {
    if x.is_negative() {
        return Err(Msg::BigintNegativeRoot());
    }
    if k == 0 {
        return Err(Msg::BigintRootIndex());
    }
    let r = x.nth_root(k);
    let exact = &r.pow(k) == x;
    Ok((r, exact))
}

/// The bytes of a non-negative integer, big-endian (RSA's I2OSP without padding).
pub fn to_bytes(x: &BigInt) -> Vec<u8> {
    match x.to_bytes_be() {
        (Sign::Minus, _) => Vec::new(),
        (_, b) => b,
    }
}

/// The integer of big-endian bytes (RSA's OS2IP).
pub fn from_bytes(b: &[u8]) -> BigInt {
    BigInt::from_bytes_be(Sign::Plus, b)
}

/// Lowercase hex with a 0x prefix.
pub fn hex(x: &BigInt) -> String {
    if x.is_negative() {
        format!("-0x{}", (-x).to_str_radix(16))
    } else {
        format!("0x{}", x.to_str_radix(16))
    }
}

/// The odd primes below 2¹⁴ (a sieve of Eratosthenes), for trial division: about one candidate
/// in nine that survives them is prime at 256 bits, so few Miller-Rabin tests are wasted.
fn small_primes() -> Vec<u32> {
    const LIMIT: usize = 1 << 14;
    let mut composite = vec![false; LIMIT];
    let mut primes = Vec::new();
    for n in 3..LIMIT {
        if n % 2 == 1 && !composite[n] {
            primes.push(n as u32);
            for m in (n * n..LIMIT).step_by(2 * n) {
                composite[m] = true;
            }
        }
    }
    primes
}

/// Teaching Miller-Rabin: is `n` a strong probable prime to base 2? (FIPS 186-5 B.3.1 with the
/// single base 2.) A random 256-bit composite passes with probability below 2⁻⁴⁰ (Damgård,
/// Landrock, Pomerance 1993): enough to draw the public moduli of an exercise, not to make keys
/// (the worker uses `crypto-primes`' Baillie-PSW test for those).
pub fn is_strong_probable_prime_base2(n: &BigUint) -> bool {
    let one = BigUint::one();
    let two = BigUint::from(2u32);
    if *n < BigUint::from(4u32) {
        return *n == two || *n == BigUint::from(3u32);
    }
    if n.is_even() {
        return false;
    }
    let n1 = n - &one;
    let s = n1.trailing_zeros().expect("n − 1 > 0");
    let d = &n1 >> s;
    let mut x = two.modpow(&d, n);
    if x == one || x == n1 {
        return true;
    }
    for _ in 1..s {
        x = &x * &x % n;
        if x == n1 {
            return true;
        }
        if x == one {
            return false;
        }
    }
    false
}

/// Teaching prime search for exercise instances: from `start(k)` (bytes; two top bits and the low
/// bit are set), step by 2 while keeping the residues modulo the small primes up to date (a
/// sieve), skip what `accept` refuses, and test the survivors with Miller-Rabin base 2. `bits`
/// is the size of the prime. Same start, same prime.
pub fn seeded_prime(bits: u64, mut start: impl FnMut(u32) -> Vec<u8>, accept: impl Fn(&BigUint) -> bool) -> BigUint {
    let primes = small_primes();
    for k in 0.. {
        let mut bytes = start(k);
        bytes[0] |= 0xc0;
        *bytes.last_mut().expect("a start has bytes") |= 1;
        let mut c = BigUint::from_bytes_be(&bytes);
        let mut residues: Vec<u32> = primes.iter().map(|p| (&c % *p).to_u32().expect("below p")).collect();
        for _ in 0..4096 {
            if c.bits() > bits {
                break;
            }
            if residues.iter().all(|r| *r != 0) && accept(&c) && is_strong_probable_prime_base2(&c) {
                return c;
            }
            c += 2u32;
            for (r, p) in residues.iter_mut().zip(&primes) {
                *r = (*r + 2) % p;
            }
        }
    }
    unreachable!("the loop only ends by returning")
}

/// MGF1 with SHA-256 (RFC 8017 B.2.1).
fn mgf1_sha256(seed: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 32);
    let mut counter = 0u32;
    while out.len() < len {
        out.extend_from_slice(&crate::core::crypto::sha256(&[seed, &counter.to_be_bytes()].concat()));
        counter += 1;
    }
    out.truncate(len);
    out
}

/// Teaching EME-OAEP encoding (RFC 8017 §7.1.1 step 2, SHA-256, empty label) of `msg` for a
/// `k`-byte modulus, with the given 32-byte seed: the structure made visible, for exercise
/// instances. A native test checks that the `rsa` crate's OAEP decryption accepts the result;
/// real encryption goes through [`super::rsa_kit`].
pub fn eme_oaep_sha256(k: usize, msg: &[u8], seed: &[u8; 32]) -> Option<Vec<u8>> {
    const H: usize = 32;
    if msg.len() + 2 * H + 2 > k {
        return None;
    }
    let mut db = crate::core::crypto::sha256(b"").to_vec();
    db.resize(k - msg.len() - H - 2, 0);
    db.push(1);
    db.extend_from_slice(msg);
    let db_mask = mgf1_sha256(seed, k - H - 1);
    let masked_db: Vec<u8> = db.iter().zip(&db_mask).map(|(a, b)| a ^ b).collect();
    let seed_mask = mgf1_sha256(&masked_db, H);
    let mut em = vec![0u8];
    em.extend(seed.iter().zip(&seed_mask).map(|(a, b)| a ^ b));
    em.extend(masked_db);
    Some(em)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> BigInt {
        parse(s, "x").unwrap()
    }

    /// Wikipedia, "RSA (cryptosystem)", example: p = 61, q = 53, n = 3233, φ(n) = 3120, e = 17,
    /// d = 2753 (the inverse mod φ); m = 65 encrypts to c = 2790 and back.
    #[test]
    fn wikipedia_textbook_rsa_example() {
        let (p, q, e) = (n("61"), n("53"), n("17"));
        let phi = (&p - 1) * (&q - 1);
        assert_eq!(phi, n("3120"));
        let d = modinv(&e, &phi).unwrap();
        assert_eq!(d, n("2753"));
        let big_n = &p * &q;
        assert_eq!(modpow(&n("65"), &e, &big_n).unwrap(), n("2790"));
        assert_eq!(modpow(&n("2790"), &d, &big_n).unwrap(), n("65"));
        // Tampered: a ciphertext off by one does not decrypt to 65; a wrong d is not an inverse.
        assert_ne!(modpow(&n("2791"), &d, &big_n).unwrap(), n("65"));
        assert_ne!((&e * n("2754")) % &phi, BigInt::one());
        // CRT decryption (RFC 8017 §5.1.2): dp = d mod (p−1), dq = d mod (q−1), qinv = q⁻¹ mod p.
        let (dp, dq, qinv): (BigInt, BigInt, BigInt) = (&d % (&p - 1), &d % (&q - 1), modinv(&q, &p).unwrap());
        assert_eq!((dp.clone(), dq.clone(), qinv.clone()), (n("53"), n("49"), n("38")));
        let m1 = modpow(&n("2790"), &dp, &p).unwrap();
        let m2 = modpow(&n("2790"), &dq, &q).unwrap();
        let h = modulo(&(&qinv * (&m1 - &m2)), &p);
        assert_eq!(&m2 + h * &q, n("65"));
    }

    #[test]
    fn extended_gcd_gives_bezout_coefficients() {
        // 240·(−9) + 46·47 = 2 = gcd(240, 46), checked by hand.
        assert_eq!(egcd(&n("240"), &n("46")), (n("2"), n("-9"), n("47")));
        let (g, x, y) = egcd(&n("65537"), &n("17"));
        assert_eq!(g, BigInt::one());
        assert_eq!(n("65537") * x + n("17") * y, BigInt::one());
    }

    #[test]
    fn no_inverse_names_the_gcd() {
        let e = modinv(&n("14"), &n("21")).unwrap_err();
        assert_eq!(e.en(), "no inverse: gcd(a, n) = 7; a is invertible mod n only when gcd(a, n) = 1");
        assert_eq!(modinv(&n("3"), &n("7")).unwrap(), n("5"));
        assert_eq!(modpow(&n("3"), &n("-1"), &n("7")).unwrap(), n("5"));
    }

    #[test]
    fn crt_solves_the_sunzi_problem_and_refuses_shared_factors() {
        // Sunzi Suanjing: x ≡ 2 mod 3, x ≡ 3 mod 5, x ≡ 2 mod 7 → x = 23 (mod 105).
        let pairs = [(n("2"), n("3")), (n("3"), n("5")), (n("2"), n("7"))];
        assert_eq!(crt(&pairs).unwrap(), (n("23"), n("105")));
        assert_ne!(crt(&[(n("2"), n("3")), (n("4"), n("5"))]).unwrap().0, n("23"));
        assert_eq!(crt(&[(n("1"), n("6")), (n("2"), n("9"))]).unwrap_err().en(), "moduli n1 and n2 are not coprime: gcd = 3");
    }

    #[test]
    fn integer_roots_say_whether_they_are_exact() {
        assert_eq!(iroot(&n("1000000"), 3).unwrap(), (n("100"), true));
        assert_eq!(iroot(&n("1000001"), 3).unwrap(), (n("100"), false));
        let big = n("0x123456789abcdef0123456789abcdef");
        assert_eq!(iroot(&big.pow(3), 3).unwrap(), (big.clone(), true));
        assert_eq!(iroot(&(big.pow(3) + 1), 3).unwrap(), (big, false));
    }

    #[test]
    fn parse_reads_decimal_and_hex_and_names_the_field() {
        assert_eq!(parse("0xff", "a").unwrap(), n("255"));
        assert_eq!(parse(" 1 000_000 ", "a").unwrap(), n("1000000"));
        assert_eq!(parse("-12", "a").unwrap(), -n("12"));
        assert_eq!(parse("12g", "modulus").unwrap_err().en(), "\"modulus\" is not an integer: digits 0-9 in decimal, or 0x then 0-9 a-f in hex");
        assert_eq!(parse("", "e").unwrap_err().en(), "\"e\" is empty: write an integer (decimal, or hex after 0x)");
        assert!(parse_modulus("1", "n").is_err());
        assert_eq!(from_bytes(&to_bytes(&n("0x0102ff"))), n("66303"));
        assert_eq!(hex(&n("255")), "0xff");
    }
}
