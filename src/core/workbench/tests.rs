//! Each tool against a published vector (source cited), each with a tampered case.
use super::*;

fn run_with(tool: &str, changes: &[(&str, &str)]) -> Result<Outputs, Bilingual> {
    let mut inputs = defaults(info(tool).unwrap());
    for (k, v) in changes {
        assert!(inputs.contains_key(*k), "{tool} has no field {k}");
        inputs.insert(k.to_string(), v.to_string());
    }
    run(tool, &inputs)
}

fn first(tool: &str, changes: &[(&str, &str)]) -> String {
    run_with(tool, changes).unwrap_or_else(|e| panic!("{tool}: {}", e.en))[0].value.replace(' ', "")
}

#[test]
fn every_tool_runs_on_its_defaults_and_is_described_in_both_languages() {
    for tool in TOOLS {
        assert!(run(tool.id, &defaults(tool)).is_ok(), "{}", tool.id);
        for text in [tool.title, tool.description] {
            assert!(!text.fr.is_empty() && !text.en.is_empty(), "{}", tool.id);
        }
        assert!(!tool.standard.is_empty());
        for f in tool.fields {
            if let FieldKind::Select(options) = f.kind {
                assert!(options.contains(&f.default), "{}.{}", tool.id, f.id);
            }
        }
    }
    // The page calls run_light only: a heavy tool must be refused there (so the page's wasm does
    // not link it) and a light one must run there.
    for tool in TOOLS {
        match run_light(tool.id, &defaults(tool)) {
            Err(e) if tool.heavy => assert_eq!(e.en, "this tool runs in the worker", "{}", tool.id),
            result => assert!(!tool.heavy && result.is_ok(), "{} heavy={}", tool.id, tool.heavy),
        }
    }
    for category in Category::ALL {
        assert!(TOOLS.iter().any(|t| t.category == category), "{category:?} has no tool");
    }
    let mut ids: Vec<_> = TOOLS.iter().map(|t| t.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), TOOLS.len(), "tool ids are unique");
}

/// RFC 4648 §10: BASE64("foobar") = "Zm9vYmFy".
#[test]
fn convert_rfc4648_section10() {
    assert_eq!(first("convert", &[("from", "utf8"), ("to", "base64"), ("input", "foobar")]), "Zm9vYmFy");
    assert_eq!(first("convert", &[("from", "base64"), ("to", "utf8"), ("input", "Zm9vYmFy")]), "foobar");
    assert_eq!(first("convert", &[("from", "hex"), ("to", "base64"), ("input", "666f6f626172")]), "Zm9vYmFy");
    assert_ne!(first("convert", &[("from", "utf8"), ("to", "base64"), ("input", "foobaR")]), "Zm9vYmFy");
    assert!(run_with("convert", &[("from", "base64"), ("to", "hex"), ("input", "Zm9v!")]).is_err());
    let e = run_with("convert", &[("from", "hex"), ("to", "utf8"), ("input", "ff")]).unwrap_err();
    assert_eq!(e.en, "these bytes are not valid UTF-8 text; choose hex or base64");
}

const P1: &str = "6bc1bee22e409f96e93d7e117393172a";

/// NIST SP 800-38A F.1.1, F.1.3, F.1.5 (ECB-AES128/192/256, block #1).
#[test]
fn aes_ecb_128_192_256_nist_sp800_38a() {
    for (key, ct) in [
        ("2b7e151628aed2a6abf7158809cf4f3c", "3ad77bb40d7a3660a89ecaf32466ef97"),
        ("8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", "bd334f1d6e45f25ff712a214571fa5cc"),
        ("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", "f3eed1bdb5d2a03c064b5a7e3db181f8"),
    ] {
        assert_eq!(first("aes", &[("mode", "ecb"), ("key", key), ("data", P1)]), ct);
        assert_eq!(first("aes", &[("mode", "ecb"), ("operation", "decrypt"), ("key", key), ("data", ct)]), P1);
        let mut tampered = key.to_string();
        tampered.replace_range(0..1, if &key[0..1] == "0" { "1" } else { "0" });
        assert_ne!(first("aes", &[("mode", "ecb"), ("key", &tampered), ("data", P1)]), ct);
    }
}

/// NIST SP 800-38A F.2.1 (CBC-AES128) and F.5.1 (CTR-AES128), block #1.
#[test]
fn aes_cbc_and_ctr_nist_sp800_38a() {
    assert_eq!(first("aes", &[]), "7649abac8119b246cee98e9b12e9197d");
    assert_eq!(first("aes", &[("operation", "decrypt"), ("data", "7649abac8119b246cee98e9b12e9197d")]), P1);
    assert_ne!(first("aes", &[("iv", "000102030405060708090a0b0c0d0e0e")]), "7649abac8119b246cee98e9b12e9197d");
    let ctr = [("mode", "ctr"), ("iv", "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff")];
    assert_eq!(first("aes", &ctr), "874d6191b620e3261bef6864990db6ce");
    assert_ne!(first("aes", &[ctr[0], ("iv", "f0f1f2f3f4f5f6f7f8f9fafbfcfdfefe")]), "874d6191b620e3261bef6864990db6ce");
}

#[test]
fn aes_padding_round_trips_and_errors_list_the_valid_values() {
    let ct = first("aes", &[("padding", "pkcs7"), ("data", "68656c6c6f")]);
    assert_eq!(ct.len(), 32, "5 bytes pad to one block");
    let back = run_with("aes", &[("padding", "pkcs7"), ("operation", "decrypt"), ("data", &ct)]).unwrap();
    assert_eq!(back[1].value, "hello");
    let mut tampered = hex::decode(&ct).unwrap();
    tampered[15] ^= 0x01;
    assert!(run_with("aes", &[("padding", "pkcs7"), ("operation", "decrypt"), ("data", &hex::encode(tampered))]).unwrap_err().en.starts_with("invalid PKCS#7 padding"));
    assert_eq!(run_with("aes", &[("key", "00112233")]).unwrap_err().en, "\"Key (hex: 16, 24 or 32 bytes)\" is 4 byte(s); valid sizes: 16, 24 or 32 bytes");
    assert_eq!(run_with("aes", &[("mode", "ofb")]).unwrap_err().en, "\"Mode\" must be one of: ecb, cbc, ctr");
    assert!(run_with("aes", &[("data", "00")]).unwrap_err().en.contains("choose pkcs7 padding"));
}

/// McGrew–Viega, "The Galois/Counter Mode of Operation", Test Cases 2 (AES-128) and 14 (AES-256).
#[test]
fn aes_gcm_test_cases_2_and_14() {
    let out = run_with("aes-gcm", &[]).unwrap();
    assert_eq!(out[0].value, "0388dace60b6a392f328c2b971b2fe78");
    assert_eq!(out[1].value, "ab6e47d42cec13bdf53a67b21257bddf");
    let key256 = "0".repeat(64);
    let out = run_with("aes-gcm", &[("key", &key256)]).unwrap();
    assert_eq!(out[0].value, "cea7403d4d606b6e074ec5d3baf39d18");
    assert_eq!(out[1].value, "d0d1c8a799996bf0265b98b5d48ab919");
    // Decrypting the genuine frame works; a flipped ciphertext bit or changed AAD is rejected.
    let frame = "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf";
    assert_eq!(run_with("aes-gcm", &[("operation", "decrypt"), ("data", frame)]).unwrap()[0].value, "0".repeat(32));
    let flipped = format!("1{}", &frame[1..]);
    assert!(run_with("aes-gcm", &[("operation", "decrypt"), ("data", &flipped)]).unwrap_err().en.starts_with("rejected: the tag does not match"));
    assert!(run_with("aes-gcm", &[("operation", "decrypt"), ("data", frame), ("aad", "01")]).is_err());
}

/// RFC 8439 §2.8.2: the AEAD_CHACHA20_POLY1305 example.
#[test]
fn chacha20_poly1305_rfc8439_2_8_2() {
    let out = run_with("chacha20-poly1305", &[]).unwrap();
    assert!(out[0].value.starts_with("d31a8d34648e60db7b86afbc53ef7ec2"), "{}", out[0].value);
    assert_eq!(out[1].value, "1ae10b594f09e26a7e902ecbd0600691");
    let sealed = out[2].value.clone();
    let opened = run_with("chacha20-poly1305", &[("operation", "decrypt"), ("data", &sealed)]).unwrap();
    assert!(opened[1].value.starts_with("Ladies and Gentlemen of the class of '99"));
    // The header (AAD) is bound to the frame: change one byte and the receiver rejects it.
    assert!(run_with("chacha20-poly1305", &[("operation", "decrypt"), ("data", &sealed), ("aad", "50515253c0c1c2c3c4c5c6c8")]).is_err());
}

/// FIPS 180-2 B.1 (SHA-256) and C.1 (SHA-512) of "abc".
#[test]
fn sha2_fips_180_2() {
    assert_eq!(first("hash", &[]), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(first("hash", &[("encoding", "hex"), ("data", "616263")]), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(first("hash", &[("algorithm", "sha-512")]), "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
    assert_ne!(first("hash", &[("data", "abd")]), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/// RFC 4231 §4.3 (Test Case 2), HMAC-SHA-256 and HMAC-SHA-512.
#[test]
fn hmac_rfc4231_case2() {
    assert_eq!(first("hmac", &[]), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assert_eq!(first("hmac", &[("algorithm", "sha-512")]), "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
    assert_eq!(first("hmac", &[("key_encoding", "hex"), ("key", "4a656665")]), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assert_ne!(first("hmac", &[("key", "jefe")]), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

/// RFC 5869 A.1 (the tool's defaults).
#[test]
fn hkdf_rfc5869_a1() {
    let out = run_with("hkdf", &[]).unwrap();
    assert_eq!(out[0].value, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    assert_eq!(out[1].value, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    assert_ne!(run_with("hkdf", &[("info", "f0f1f2f3f4f5f6f7f8f8")]).unwrap()[1].value, out[1].value);
    assert_eq!(run_with("hkdf", &[("length", "9000")]).unwrap_err().en, "\"Length (bytes, 1 to 8160)\" must be a whole number from 1 to 8160");
}

/// RFC 7914 §11: PBKDF2-HMAC-SHA256("passwd", "salt", c = 1, dkLen = 64).
#[test]
fn pbkdf2_rfc7914_section11() {
    let expected = "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783";
    assert_eq!(first("pbkdf2", &[]), expected);
    assert_ne!(first("pbkdf2", &[("iterations", "2")]), expected);
}

/// RFC 9106 §5.3: Argon2id test vector (with secret and associated data).
#[test]
fn argon2id_rfc9106_5_3() {
    let tag = run::argon2_raw("argon2id", &[0x01; 32], &[0x02; 16], &[0x03; 8], &[0x04; 12], 32, 3, 4, 32).unwrap();
    assert_eq!(hex::encode(&tag), "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    let tampered = run::argon2_raw("argon2id", &[0x01; 32], &[0x02; 16], &[0x03; 8], &[0x05; 12], 32, 3, 4, 32).unwrap();
    assert_ne!(hex::encode(tampered), "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    assert_eq!(run_with("argon2", &[("salt", "short")]).unwrap_err().en, "the salt is 5 bytes; Argon2 needs at least 8");
    // The same vector through the tool's form.
    let rfc = [("encoding", "hex"), ("password", &"01".repeat(32)[..]), ("salt", &"02".repeat(16)[..]), ("secret", "0303030303030303"), ("ad", "040404040404040404040404"), ("memory", "32"), ("iterations", "3"), ("parallelism", "4")];
    assert_eq!(first("argon2", &rfc), "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    // The tool itself, on small parameters.
    assert_eq!(first("argon2", &[("memory", "64"), ("iterations", "1")]).len(), 64);
}

/// Wikipedia, "RSA (cryptosystem)": d = 17⁻¹ mod 3120 = 2753, then 65¹⁷ mod 3233 = 2790 and back.
#[test]
fn bigint_calculator_on_the_wikipedia_rsa_example() {
    assert_eq!(first("bigint", &[]), "2753");
    assert_ne!(first("bigint", &[("x", "19")]), "2753");
    assert_eq!(first("bigint", &[("op", "modpow"), ("x", "65"), ("y", "17"), ("m", "3233")]), "2790");
    assert_eq!(first("bigint", &[("op", "modpow"), ("x", "2790"), ("y", "2753"), ("m", "0xca1")]), "65");
    assert_eq!(first("bigint", &[("op", "modpow"), ("x", "2791"), ("y", "2753"), ("m", "3233")]) == "65", false);
    let egcd = run_with("bigint", &[("op", "egcd"), ("x", "240"), ("y", "46")]).unwrap();
    assert_eq!((egcd[0].value.as_str(), egcd[1].value.as_str(), egcd[2].value.as_str()), ("2", "-9", "47"));
    assert_eq!(first("bigint", &[("op", "crt"), ("x", "2, 3, 2"), ("m", "3, 5, 7")]), "23");
    let root = run_with("bigint", &[("op", "root"), ("x", "1000001"), ("y", "3")]).unwrap();
    assert_eq!((root[0].value.as_str(), root[2].value.as_str()), ("100", "no / non"));
    assert_eq!(run_with("bigint", &[("op", "text"), ("x", "0x54657374")]).unwrap()[1].value, "Test");
    assert_eq!(first("bigint", &[("op", "mul"), ("x", "12"), ("y", "12"), ("m", "")]), "144");
    assert_eq!(run_with("bigint", &[("x", "14"), ("m", "21")]).unwrap_err().en, "no inverse: gcd(a, n) = 7; a is invertible mod n only when gcd(a, n) = 1");
    assert_eq!(run_with("bigint", &[("op", "crt"), ("x", "1"), ("m", "5")]).unwrap_err().en, "CRT: write 2 or 3 residues in x and as many moduli in m, separated by commas (found 1 and 1)");
    assert!(run_with("bigint", &[("op", "root"), ("y", "0")]).unwrap_err().en.starts_with("y is the root's index"));
}

/// The RSA tools' defaults are Wycheproof tcId 3 (OAEP decrypts to "Test"; the PSS signature is valid).
#[test]
fn rsa_tools_reproduce_wycheproof_and_refuse_tampering() {
    assert_eq!(run_with("rsa-oaep", &[]).unwrap()[1].value, "Test");
    let mut ct = public_key::W_OAEP_CT.to_string();
    ct.replace_range(0..2, "5f");
    assert!(run_with("rsa-oaep", &[("data", &ct)]).unwrap_err().en.starts_with("decryption refused"));
    assert_eq!(first("rsa-pss", &[]), "yes/oui");
    assert_eq!(first("rsa-pss", &[("data", "Tesu")]), "no/non");
    // Round trips through the forms.
    let c = first("rsa-oaep", &[("operation", "encrypt"), ("encoding", "utf8"), ("data", "door 3 open")]);
    assert_eq!(run_with("rsa-oaep", &[("data", &c)]).unwrap()[1].value, "door 3 open");
    let c = first("rsa-pkcs1v15", &[]);
    assert_eq!(run_with("rsa-pkcs1v15", &[("operation", "decrypt"), ("encoding", "hex"), ("data", &c)]).unwrap()[1].value, "valve open");
    let s = first("rsa-pss", &[("operation", "sign"), ("data", "fw 2.4.1")]);
    assert_eq!(first("rsa-pss", &[("data", "fw 2.4.1"), ("signature", &s)]), "yes/oui");
    assert_eq!(first("rsa-pss", &[("data", "fw 2.4.2"), ("signature", &s)]), "no/non");
    assert_eq!(run_with("rsa-oaep", &[("p", "")]).unwrap_err().en, "\"p (hex, private key)\" is empty");
    assert!(run_light("rsa-oaep", &defaults(info("rsa-oaep").unwrap())).is_err(), "the page does not run RSA");
}

#[test]
fn rsa_key_generation_in_steps_gives_a_key_of_the_asked_size() {
    let key = run_with("rsa-keygen", &[("bits", "512")]).unwrap();
    assert_eq!(key[1].value, "512 bits");
    assert_eq!(run_with("rsa-keygen", &[("bits", "1000")]).unwrap_err().en, "key size 1000 bits: expected a multiple of 16 from 512 to 4096");
    // The worker's steps: search p and q a few candidates at a time, then assemble.
    let mut primes = Vec::new();
    let mut tested = 0;
    while primes.len() < 2 {
        let step = run("rsa-prime-step", &[("bits".to_string(), "256".to_string())].into()).unwrap();
        tested += step[1].value.parse::<usize>().unwrap();
        if !step[0].value.is_empty() {
            primes.push(step[0].value.clone());
        }
    }
    assert!(tested >= 2);
    let key = run("rsa-assemble", &[("p".to_string(), primes[0].clone()), ("q".to_string(), primes[1].clone())].into()).unwrap();
    assert_eq!(key[1].value, "512 bits");
    assert_eq!(key[2].value, "010001");
    assert!(run("rsa-assemble", &[("p".to_string(), primes[0].clone()), ("q".to_string(), "0f".to_string())].into()).is_err());
}

/// RFC 8032 §7.1 TEST 1 (the defaults) and RFC 6979 A.2.5 (P-256, SHA-256, "sample").
#[test]
fn signatures_rfc8032_test1_and_rfc6979_a25() {
    assert_eq!(first("signature", &[]), "VALID/VALIDE");
    let tampered = "f5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    assert_eq!(first("signature", &[("signature", tampered)]), "INVALID/INVALIDE");
    let x = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
    let sig = "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";
    let signed = run_with("signature", &[("algorithm", "ecdsa-p256"), ("operation", "sign"), ("key", x), ("message", "sample")]).unwrap();
    assert_eq!(signed[0].value, sig);
    let public = signed[1].value.clone();
    assert_eq!(first("signature", &[("algorithm", "ecdsa-p256"), ("key", &public), ("message", "sample"), ("signature", sig)]), "VALID/VALIDE");
    assert_eq!(first("signature", &[("algorithm", "ecdsa-p256"), ("key", &public), ("message", "samplE"), ("signature", sig)]), "INVALID/INVALIDE");
    let err = run_with("signature", &[("algorithm", "ecdsa-p256")]).unwrap_err();
    assert_eq!(err.en, "\"Key (hex): public to verify, private to sign\" is 32 byte(s); valid sizes: 65 bytes");
}
