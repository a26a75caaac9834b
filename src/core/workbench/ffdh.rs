//! Finite-field Diffie-Hellman, written out with big integers so the learner sees g^x mod p and
//! the checks a receiver owes a public value (range, and subgroup membership when q is known).

use num_bigint::BigUint;
use num_traits::One;

use crate::core::grading::Normalization;
use crate::core::msg::{Msg, M};
use crate::core::tools::{raw, select_input, Inputs, Output, ToolRun, Value};

pub const GROUPS: &[&str] = &["rfc5114-1024-160", "rfc3526-2048", "toy-p23"];

/// RFC 5114 §2.1: 1024-bit MODP group with a 160-bit prime-order subgroup.
const RFC5114_1024_P: &str = "B10B8F96A080E01DDE92DE5EAE5D54EC52C99FBCFB06A3C69A6A9DCA52D23B616073E28675A23D189838EF1E2EE652C013ECB4AEA906112324975C3CD49B83BFACCBDD7D90C4BD7098488E9C219A73724EFFD6FAE5644738FAA31A4FF55BCCC0A151AF5F0DC8B4BD45BF37DF365C1A65E68CFDA76D4DA708DF1FB2BC2E4A4371";
const RFC5114_1024_G: &str = "A4D1CBD5C3FD34126765A442EFB99905F8104DD258AC507FD6406CFF14266D31266FEA1E5C41564B777E690F5504F213160217B4B01B886A5E91547F9E2749F4D7FBD7D3B9A92EE1909D0D2263F80A76A6A24C087A091F531DBF0A0169B6A28AD662A4D18E73AFA32D779D5918D08BC8858F4DCEF97C2A24855E6EEB22B3B2E5";
const RFC5114_1024_Q: &str = "F518AA8781A8DF278ABA4E7D64B7CB9D49462353";
/// RFC 3526 §3: the 2048-bit MODP group (group 14), generator 2, a safe prime.
const RFC3526_2048_P: &str = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AACAA68FFFFFFFFFFFFFFFF";

pub struct Group {
    pub p: BigUint,
    pub g: BigUint,
    /// The order of g's subgroup, when the group publishes it.
    pub q: Option<BigUint>,
}

fn big(hex_text: &str) -> BigUint {
    BigUint::parse_bytes(hex_text.as_bytes(), 16).expect("constant hex")
}

pub fn group(name: &str) -> Option<Group> {
    match name {
        "rfc5114-1024-160" => Some(Group { p: big(RFC5114_1024_P), g: big(RFC5114_1024_G), q: Some(big(RFC5114_1024_Q)) }),
        // A safe prime: the subgroup of squares has order (p-1)/2; g = 2 generates it.
        "rfc3526-2048" => {
            let p = big(RFC3526_2048_P);
            let q = (&p - 1u32) >> 1;
            Some(Group { p, g: BigUint::from(2u32), q: Some(q) })
        }
        // The textbook group, small enough to check by hand: p = 23, g = 5 (order 22).
        "toy-p23" => Some(Group { p: BigUint::from(23u32), g: BigUint::from(5u32), q: None }),
        _ => None,
    }
}

/// Big-endian bytes padded to the length of p, as RFC 5114 and most libraries write them.
fn padded(n: &BigUint, p: &BigUint) -> Vec<u8> {
    let len = (p.bits() as usize).div_ceil(8);
    let bytes = n.to_bytes_be();
    [vec![0; len.saturating_sub(bytes.len())], bytes].concat()
}

fn number(inputs: &Inputs, id: &str, label: M) -> Result<Option<BigUint>, Msg> {
    let cleaned = Normalization::Hex.apply(raw(inputs, id));
    if cleaned.is_empty() {
        return Ok(None);
    }
    BigUint::parse_bytes(cleaned.as_bytes(), 16).map(Some).ok_or_else(|| Msg::WbFfdhNotNumber(label))
}

pub fn run(inputs: &Inputs) -> Result<ToolRun, Msg> {
    let name = select_input(inputs, "group", M::WbFfdhGroup, GROUPS)?;
    let Some(Group { p, g, q }) = group(name) else {
        return Err(Msg::FieldNotOption(M::WbFfdhGroup, GROUPS.join(", ")));
    };
    let p_minus_1 = &p - 1u32;
    let x = number(inputs, "private", M::WbFfdhPrivate)?.ok_or_else(|| Msg::FieldEmpty(M::WbFfdhPrivate))?;
    if x < BigUint::one() || x >= p_minus_1 {
        return Err(Msg::WbFfdhPrivateRange(M::WbFfdhPrivate, p.to_str_radix(16)));
    }
    let public = g.modpow(&x, &p);
    let mut outputs = vec![Output::new(M::WbFfdhBits, Value::int(p.bits())), Output::new(M::WbFfdhPublic, Value::Hex(padded(&public, &p)))];
    if let Some(y) = number(inputs, "peer", M::WbFfdhPeer)? {
        // 0, 1 and p − 1 (and anything outside the group) force the secret into a tiny set.
        if y < BigUint::from(2u32) || y > &p - 2u32 {
            return Err(Msg::WbFfdhPeerRange(M::WbFfdhPeer, p.to_str_radix(16)));
        }
        if let Some(q) = &q {
            if !y.modpow(q, &p).is_one() {
                return Err(Msg::WbFfdhNotInSubgroup(M::WbFfdhPeer));
            }
        }
        outputs.push(Output::new(M::WbFfdhShared, Value::Hex(padded(&y.modpow(&x, &p), &p))));
    }
    Ok(outputs.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(group: &str, private: &str, peer: &str) -> Inputs {
        crate::core::tools::inputs_of(&[("group", group), ("private", private), ("peer", peer)])
    }

    /// The outputs' copyable text, in order.
    fn lines(inputs: &Inputs) -> Vec<String> {
        run(inputs).unwrap().outputs.iter().map(|o| o.value.plain().unwrap()).collect()
    }

    /// RFC 5114 Appendix A.1 test data (1024-bit MODP group with 160-bit prime order subgroup),
    /// as OpenSSL's test/dhtest.c carries it.
    const XA: &str = "B9A3B3AE8FEFC1A2930496507086F8455D48943E";
    const YA: &str = "2A853B3D92197501B9015B2DEB3ED84F5E021DCC3E52F109D3273D2B7521281CBABE0E76FF5727FA8ACCE26956BA9A1FCA26F20228D8693FEB10841D84A7360054ECE5A7F5B7A61AD3DFB3C60D2E43106D8727DA37DF9CCE95B478755D06BCEA8F9D45965F75A5F3D1DF3701165FC9E50C4279CEB07F989540AE96D5D88ED776";
    const XB: &str = "9392C9F9EB6A7A6A9022F7D83E7223C6835BBDDA";
    const YB: &str = "717A6CB053371FF4A3B932941C1E5663F861A1D6AD34AE66576DFB98F6C6CBF9DDD5A56C7833F6BCFDFF095582AD868E440E8D09FD769E3CECCDC3D3B1E4CFA057776CAAF9739B6A9FEE8E7411F8D6DAC09D6A4EDB46CC2B5D5203090EAE6126311E53FD2C14B574E6A3109A3DA1BE41BDCEAA186F5CE06716A2B6A07B3C33FE";
    const Z: &str = "5C804F454D30D9C4DF85271F93528C91DF6B48AB5F80B3B59CAAC1B28F8ACBA9CD3E39F3CB614525D9521D2E644C53B807B810F340062F257D7D6FBFE8D5E8F072E9B6E9AFDA9413EAFB2E8B0699B1FB5A0CACEDDEAEAD7E9CFBB36AE2B420835BD83A19FB0B5E96BF8FA4D09E345525167ECD9155416F46F408ED31B63C6E6D";

    #[test]
    fn rfc5114_a1_test_data() {
        let a = lines(&inputs("rfc5114-1024-160", XA, YB));
        assert_eq!(a[0], "1024");
        assert_eq!(a[1], YA.to_lowercase());
        assert_eq!(a[2], Z.to_lowercase());
        let b = lines(&inputs("rfc5114-1024-160", XB, YA));
        assert_eq!(b[1], YB.to_lowercase());
        assert_eq!(b[2], Z.to_lowercase());
        // Tampered: one bit of xA gives another public value and another secret.
        let tampered = lines(&inputs("rfc5114-1024-160", &XA.replace("B9A3", "B9A2"), YB));
        assert_ne!(tampered[1], YA.to_lowercase());
        assert_ne!(tampered[2], Z.to_lowercase());
    }

    /// RFC 3526 group 14 has no published exchange: check a computed round trip, and that the
    /// constant was copied right (p and (p−1)/2 pass a Fermat test, so p is a safe prime).
    #[test]
    fn rfc3526_group14_round_trip() {
        let g14 = group("rfc3526-2048").unwrap();
        assert_eq!(g14.p.bits(), 2048);
        for n in [&g14.p, g14.q.as_ref().unwrap()] {
            for base in [2u32, 3, 5, 7] {
                assert!(BigUint::from(base).modpow(&(n - 1u32), n).is_one(), "Fermat base {base}");
            }
        }
        let (a, b) = ("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210aa");
        let pa = lines(&inputs("rfc3526-2048", a, ""))[1].clone();
        let pb = lines(&inputs("rfc3526-2048", b, ""))[1].clone();
        assert_eq!(pa.len(), 512);
        let za = lines(&inputs("rfc3526-2048", a, &pb))[2].clone();
        let zb = lines(&inputs("rfc3526-2048", b, &pa))[2].clone();
        assert_eq!(za, zb);
        assert_ne!(za, lines(&inputs("rfc3526-2048", "0123456789abcdef0123456789abcdee", &pb))[2]);
    }

    /// The textbook example: p = 23, g = 5, a = 6, b = 15 gives A = 8, B = 19, secret 2.
    #[test]
    fn toy_group_by_hand() {
        let a = lines(&inputs("toy-p23", "06", "13"));
        assert_eq!((a[1].as_str(), a[2].as_str()), ("08", "02"));
        let b = lines(&inputs("toy-p23", "0f", "08"));
        assert_eq!((b[1].as_str(), b[2].as_str()), ("13", "02"));
    }

    #[test]
    fn bad_values_are_refused_with_the_fix() {
        let err = |group: &str, private: &str, peer: &str| run(&inputs(group, private, peer)).unwrap_err().en();
        assert_eq!(err("modp-768", "01", ""), "\"DH group\" must be one of: rfc5114-1024-160, rfc3526-2048, toy-p23");
        for peer in ["00", "01", "16", "17", "ff"] {
            let e = err("toy-p23", "06", peer);
            assert!(e.contains("must be between 2 and p − 2"), "{peer}: {e}");
        }
        assert!(err("toy-p23", "00", "").contains("between 1 and p − 2"));
        assert!(err("toy-p23", "zz", "").contains("must be a hexadecimal number"));
        // p − 1 has order 2: outside the subgroup of order q, refused.
        let p_minus_2 = group("rfc5114-1024-160").unwrap().p - 2u32;
        let e = err("rfc5114-1024-160", XA, &p_minus_2.to_str_radix(16));
        assert!(e.contains("not in the subgroup of order q"), "{e}");
    }
}
