//! Each tool against a published vector (source cited), each with a tampered case.
use super::*;
use crate::core::i18n::Lang;
use crate::core::msg::Arg;
use crate::core::tools::Value;

fn run_with(tool: &str, changes: &[(&str, &str)]) -> Result<ToolRun, Msg> {
    let mut inputs = defaults(info(tool).unwrap());
    for (k, v) in changes {
        assert!(inputs.contains_key(*k), "{tool} has no field {k}");
        inputs.insert(k.to_string(), v.to_string());
    }
    run(tool, &inputs)
}

/// The outputs as the page shows them in English, in order.
fn texts(run: &ToolRun) -> Vec<String> {
    run.outputs.iter().map(|o| o.value.render(Lang::En)).collect()
}

fn lines(tool: &str, changes: &[(&str, &str)]) -> Vec<String> {
    texts(&run_with(tool, changes).unwrap_or_else(|e| panic!("{tool}: {}", e.en())))
}

fn error(tool: &str, changes: &[(&str, &str)]) -> String {
    run_with(tool, changes).unwrap_err().en()
}

fn first(tool: &str, changes: &[(&str, &str)]) -> String {
    lines(tool, changes)[0].replace(' ', "")
}

#[test]
fn every_tool_runs_on_its_defaults_and_is_described_in_both_languages() {
    for tool in TOOLS {
        let spec = &tool.spec;
        match spec.cost {
            Cost::Light => assert!(run(spec.id, &defaults(tool)).is_ok(), "{}", spec.id),
            Cost::Long => {
                let mut job = start(spec.id, &defaults(tool)).unwrap_or_else(|e| panic!("{}: {}", spec.id, e.en()));
                let result = loop {
                    if let JobStep::Done(result) = job.step() {
                        break result;
                    }
                };
                assert!(result.is_ok(), "{}", spec.id);
            }
        }
        for text in [spec.title, spec.help, spec.button] {
            for lang in [Lang::Fr, Lang::En] {
                assert!(!text.text(lang).is_empty(), "{}", spec.id);
            }
        }
        assert!(!spec.oracle && !spec.after_solving, "{}", spec.id);
        assert!(!tool.standard.is_empty());
        for f in spec.fields {
            if let FieldKind::Select(options) = f.kind {
                assert!(options.contains(&f.default), "{}.{}", spec.id, f.id);
            }
        }
    }
    // Heavy work runs as a job: the password hashes, the big modular powers and every RSA tool.
    let long: Vec<&str> = TOOLS.iter().filter(|t| t.spec.cost == Cost::Long).map(|t| t.spec.id).collect();
    assert_eq!(long, ["pbkdf2", "argon2", "ffdh", "rsa-keygen", "rsa-oaep", "rsa-pkcs1v15", "rsa-pss"]);
    for category in Category::ALL {
        assert!(TOOLS.iter().any(|t| t.category == category), "{category:?} has no tool");
        assert!(!category.title().text(Lang::En).is_empty());
    }
    let mut ids: Vec<_> = TOOLS.iter().map(|t| t.spec.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), TOOLS.len(), "tool ids are unique");
    assert_eq!(run("no-such-tool", &Inputs::new()).err(), Some(Msg::UnknownTool("no-such-tool")));
    assert!(start("no-such-tool", &Inputs::new()).is_err());
}

/// RFC 4648 §10: BASE64("foobar") = "Zm9vYmFy".
#[test]
fn convert_rfc4648_section10() {
    assert_eq!(first("convert", &[("from", "utf8"), ("to", "base64"), ("input", "foobar")]), "Zm9vYmFy");
    assert_eq!(first("convert", &[("from", "base64"), ("to", "utf8"), ("input", "Zm9vYmFy")]), "foobar");
    assert_eq!(first("convert", &[("from", "hex"), ("to", "base64"), ("input", "666f6f626172")]), "Zm9vYmFy");
    assert_ne!(first("convert", &[("from", "utf8"), ("to", "base64"), ("input", "foobaR")]), "Zm9vYmFy");
    assert!(run_with("convert", &[("from", "base64"), ("to", "hex"), ("input", "Zm9v!")]).is_err());
    let e = error("convert", &[("from", "hex"), ("to", "utf8"), ("input", "ff")]);
    assert_eq!(e, "these bytes are not valid UTF-8 text; choose hex or base64");
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
    let back = lines("aes", &[("padding", "pkcs7"), ("operation", "decrypt"), ("data", &ct)]);
    assert_eq!(back[1], "hello");
    let mut tampered = hex::decode(&ct).unwrap();
    tampered[15] ^= 0x01;
    assert!(error("aes", &[("padding", "pkcs7"), ("operation", "decrypt"), ("data", &hex::encode(tampered))]).starts_with("invalid PKCS#7 padding"));
    assert_eq!(error("aes", &[("key", "00112233")]), "\"Key (hex: 16, 24 or 32 bytes)\" is 4 bytes; valid sizes: 16, 24 or 32 bytes");
    assert_eq!(run_with("aes", &[("key", "00112233")]).unwrap_err().render(Lang::Fr), "« Clé (hex : 16, 24 ou 32 octets) » fait 4 octets ; valeurs possibles : 16, 24 ou 32 octets");
    assert_eq!(error("aes", &[("mode", "ofb")]), "\"Mode\" must be one of: ecb, cbc, ctr");
    assert!(error("aes", &[("data", "00")]).contains("choose pkcs7 padding"));
}

/// McGrew–Viega, "The Galois/Counter Mode of Operation", Test Cases 2 (AES-128) and 14 (AES-256).
#[test]
fn aes_gcm_test_cases_2_and_14() {
    let out = lines("aes-gcm", &[]);
    assert_eq!(out[0], "0388dace60b6a392f328c2b971b2fe78");
    assert_eq!(out[1], "ab6e47d42cec13bdf53a67b21257bddf");
    let key256 = "0".repeat(64);
    let out = lines("aes-gcm", &[("key", &key256)]);
    assert_eq!(out[0], "cea7403d4d606b6e074ec5d3baf39d18");
    assert_eq!(out[1], "d0d1c8a799996bf0265b98b5d48ab919");
    // Decrypting the genuine frame works; a flipped ciphertext bit or changed AAD is rejected.
    let frame = "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf";
    assert_eq!(lines("aes-gcm", &[("operation", "decrypt"), ("data", frame)])[0], "0".repeat(32));
    let flipped = format!("1{}", &frame[1..]);
    assert!(error("aes-gcm", &[("operation", "decrypt"), ("data", &flipped)]).starts_with("rejected: the tag does not match"));
    assert!(run_with("aes-gcm", &[("operation", "decrypt"), ("data", frame), ("aad", "01")]).is_err());
}

/// RFC 8439 §2.8.2: the AEAD_CHACHA20_POLY1305 example.
#[test]
fn chacha20_poly1305_rfc8439_2_8_2() {
    let out = lines("chacha20-poly1305", &[]);
    assert!(out[0].starts_with("d31a8d34648e60db7b86afbc53ef7ec2"), "{}", out[0]);
    assert_eq!(out[1], "1ae10b594f09e26a7e902ecbd0600691");
    let sealed = out[2].clone();
    let opened = lines("chacha20-poly1305", &[("operation", "decrypt"), ("data", &sealed)]);
    assert!(opened[1].starts_with("Ladies and Gentlemen of the class of '99"));
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
    let out = lines("hkdf", &[]);
    assert_eq!(out[0], "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    assert_eq!(out[1], "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    assert_ne!(lines("hkdf", &[("info", "f0f1f2f3f4f5f6f7f8f8")])[1], out[1]);
    assert_eq!(error("hkdf", &[("length", "9000")]), "\"Length (bytes, 1 to 8160)\" must be a whole number from 1 to 8160");
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
    assert_eq!(error("argon2", &[("salt", "short")]), "the salt is 5 bytes; Argon2 needs at least 8");
    // The same vector through the tool's form.
    let rfc = [
        ("encoding", "hex"),
        ("password", &"01".repeat(32)[..]),
        ("salt", &"02".repeat(16)[..]),
        ("secret", "0303030303030303"),
        ("ad", "040404040404040404040404"),
        ("memory", "32"),
        ("iterations", "3"),
        ("parallelism", "4"),
    ];
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
    assert_ne!(first("bigint", &[("op", "modpow"), ("x", "2791"), ("y", "2753"), ("m", "3233")]), "65");
    let egcd = lines("bigint", &[("op", "egcd"), ("x", "240"), ("y", "46")]);
    assert_eq!((egcd[0].as_str(), egcd[1].as_str(), egcd[2].as_str()), ("2", "-9", "47"));
    assert_eq!(first("bigint", &[("op", "crt"), ("x", "2, 3, 2"), ("m", "3, 5, 7")]), "23");
    let root = lines("bigint", &[("op", "root"), ("x", "1000001"), ("y", "3")]);
    assert_eq!((root[0].as_str(), root[1].as_str(), root[2].as_str()), ("100", "0x64", "not an exact root"));
    let exact = run_with("bigint", &[("op", "root"), ("x", "1000000"), ("y", "3")]).unwrap();
    assert_eq!(exact.get(M::WbBigintExact), Some(&Value::Verdict { ok: true, text: Msg::WbBigintExactYes() }));
    assert_eq!(lines("bigint", &[("op", "text"), ("x", "0xff")])[1], "not UTF-8");
    assert_eq!(lines("bigint", &[("op", "text"), ("x", "0x54657374")])[1], "Test");
    assert_eq!(first("bigint", &[("op", "mul"), ("x", "12"), ("y", "12"), ("m", "")]), "144");
    assert_eq!(error("bigint", &[("x", "14"), ("m", "21")]), "no inverse: gcd(a, n) = 7; a is invertible mod n only when gcd(a, n) = 1");
    assert_eq!(error("bigint", &[("op", "crt"), ("x", "1"), ("m", "5")]), "CRT: write 2 or 3 residues in x and as many moduli in m, separated by commas (found 1 and 1)");
    assert!(error("bigint", &[("op", "root"), ("y", "0")]).starts_with("y is the root's index"));
}

/// The RSA tools' defaults are Wycheproof tcId 3 (OAEP decrypts to "Test"; the PSS signature is valid).
#[test]
fn rsa_tools_reproduce_wycheproof_and_refuse_tampering() {
    assert_eq!(lines("rsa-oaep", &[])[1], "Test");
    let mut ct = public_key::W_OAEP_CT.to_string();
    ct.replace_range(0..2, "5f");
    assert!(error("rsa-oaep", &[("data", &ct)]).starts_with("decryption refused"));
    assert_eq!(first("rsa-pss", &[]), "validsignature");
    assert_eq!(first("rsa-pss", &[("data", "Tesu")]), "invalidsignature");
    // Round trips through the forms.
    let c = first("rsa-oaep", &[("operation", "encrypt"), ("encoding", "utf8"), ("data", "door 3 open")]);
    assert_eq!(lines("rsa-oaep", &[("data", &c)])[1], "door 3 open");
    let c = first("rsa-pkcs1v15", &[]);
    assert_eq!(lines("rsa-pkcs1v15", &[("operation", "decrypt"), ("encoding", "hex"), ("data", &c)])[1], "valve open");
    let s = first("rsa-pss", &[("operation", "sign"), ("data", "fw 2.4.1")]);
    assert_eq!(first("rsa-pss", &[("data", "fw 2.4.1"), ("signature", &s)]), "validsignature");
    assert_eq!(first("rsa-pss", &[("data", "fw 2.4.2"), ("signature", &s)]), "invalidsignature");
    assert_eq!(error("rsa-oaep", &[("p", "")]), "\"p (hex, private key)\" is empty");
    // The RSA tools are long: the worker runs them as jobs.
    assert!(start("rsa-oaep", &defaults(info("rsa-oaep").unwrap())).is_ok());
}

#[test]
fn rsa_key_generation_in_steps_gives_a_key_of_the_asked_size() {
    let key = lines("rsa-keygen", &[("bits", "512")]);
    assert_eq!(key[1], "512 bits");
    assert_eq!(key[2], "010001");
    assert_eq!(error("rsa-keygen", &[("bits", "1000")]), "key size 1000 bits: expected a multiple of 16 from 512 to 4096");
    assert_eq!(error("rsa-keygen", &[("bits", "big")]), "\"Size\" must be a number of bits, e.g. 2048");
    // The worker's steps: search p and q a few candidates at a time, reporting the primes found
    // out of 2 and the candidates tested, then assemble.
    let mut job = start("rsa-keygen", &[("bits".to_string(), "512".to_string())].into()).unwrap();
    let mut last = (0, 0);
    let run = loop {
        match job.step() {
            JobStep::Progress { done, total, note } => {
                assert_eq!(total, 2);
                assert!(done >= last.1 && done < 2);
                let note = note.unwrap();
                assert_eq!(note.id, M::WbKeygenProgress);
                let tested = match &note.args[0] {
                    Arg::Int(n) => *n as u64,
                    other => panic!("{other:?}"),
                };
                assert!(tested > last.0);
                last = (tested, done);
            }
            JobStep::Done(result) => break result.unwrap(),
        }
    };
    // The page finds the key's parts by their labels, to carry them into the other RSA tools.
    let hex = |label| match run.get(label) {
        Some(Value::Hex(b)) => b.clone(),
        other => panic!("{label:?}: {other:?}"),
    };
    let (n, p, q) = (hex(M::WbRsaN), hex(M::WbRsaP), hex(M::WbRsaQ));
    assert_eq!(hex(M::WbRsaE), vec![1, 0, 1]);
    assert_eq!(p.len(), 32);
    use crate::core::crypto::bigint::from_bytes;
    assert_eq!(from_bytes(&p) * from_bytes(&q), from_bytes(&n));
    assert_eq!(run.get(M::WbRsaSize).unwrap().render(Lang::Fr), "512 bits");
    // Assembling from the primes again gives the same key; a composite q is refused.
    assert_eq!(public_key::assemble(&p, &q).unwrap().get(M::WbRsaN), Some(&Value::Hex(n.clone())));
    assert!(public_key::assemble(&p, &[0x0f]).is_err());

    // The links carry the key into the RSA tools: each names real fields, and OAEP encrypts
    // with the linked public key and decrypts with the linked primes (PKCS#1 v1.5 here: a 512-bit
    // modulus is too short for OAEP-SHA256's padding).
    let links = key_links(&run).unwrap();
    assert_eq!(links.iter().map(|(name, l)| (*name, l.tool.as_str())).collect::<Vec<_>>(), [("RSA-OAEP", "rsa-oaep"), ("RSA PKCS#1 v1.5", "rsa-pkcs1v15"), ("RSA-PSS", "rsa-pss")]);
    for (_, link) in &links {
        let tool = info(&link.tool).unwrap();
        for (field, _) in &link.fields {
            assert!(tool.spec.field(field).is_some(), "{}: no field {field}", link.tool);
        }
    }
    let mut inputs = defaults(info("rsa-pkcs1v15").unwrap());
    inputs.extend(links[1].1.fields.clone());
    assert_eq!(inputs["n"], hex::encode(&n));
    let ct = run_with_inputs("rsa-pkcs1v15", &inputs).outputs[0].value.plain().unwrap();
    inputs.extend([("operation".to_string(), "decrypt".to_string()), ("encoding".to_string(), "hex".to_string()), ("data".to_string(), ct)]);
    assert!(texts(&run_with_inputs("rsa-pkcs1v15", &inputs)).contains(&"hello".to_string()), "{:?}", texts(&run_with_inputs("rsa-pkcs1v15", &inputs)));
    assert_eq!(key_links(&ToolRun::default()), None);
}

fn run_with_inputs(tool: &str, inputs: &Inputs) -> ToolRun {
    super::run(tool, inputs).unwrap()
}

/// RFC 8032 §7.1 TEST 1 (the defaults) and RFC 6979 A.2.5 (P-256, SHA-256, "sample").
#[test]
fn signatures_rfc8032_test1_and_rfc6979_a25() {
    assert_eq!(lines("signature", &[])[0], "valid signature");
    let tampered = "f5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    assert_eq!(lines("signature", &[("signature", tampered)])[0], "invalid signature");
    assert_eq!(run_with("signature", &[("signature", tampered)]).unwrap().outputs[0].value, Value::Verdict { ok: false, text: Msg::WbSignatureInvalid() });
    let x = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
    let sig = "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";
    let signed = lines("signature", &[("algorithm", "ecdsa-p256"), ("operation", "sign"), ("key", x), ("message", "sample")]);
    assert_eq!(signed[0], sig);
    let public = signed[1].clone();
    assert_eq!(first("signature", &[("algorithm", "ecdsa-p256"), ("key", &public), ("message", "sample"), ("signature", sig)]), "validsignature");
    assert_eq!(first("signature", &[("algorithm", "ecdsa-p256"), ("key", &public), ("message", "samplE"), ("signature", sig)]), "invalidsignature");
    assert_eq!(error("signature", &[("algorithm", "ecdsa-p256")]), "\"Key (hex): public to verify, private to sign\" is 32 bytes; valid sizes: 65 bytes");
}
