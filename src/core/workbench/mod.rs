//! The crypto workbench, a small CyberChef for the lab: self-describing tools in one registry.
//!
//! Each tool is a [`ToolSpec`] (the same description engine tools use, so one form component
//! draws both) with its category and the standard its defaults reproduce. Every tool runs in
//! the worker ([`run`], or [`start`] for long ones with progress); the page links the
//! descriptions only.

use crate::core::engines::{Job, JobStep, WorkbenchLink};
use crate::core::msg::{Msg, M};
use crate::core::tools::{Cost, Field, FieldKind, Inputs, ToolRun, ToolSpec};

mod ffdh;
mod public_key;
mod run;
pub use public_key::{bigint_calc, key_lines, step_candidates, BIGINT_OPS};
pub use run::argon2_raw;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Encoding,
    Cipher,
    Aead,
    Hash,
    Mac,
    Kdf,
    KeyExchange,
    PublicKey,
}

impl Category {
    pub const ALL: [Category; 8] = [Category::Encoding, Category::Cipher, Category::Aead, Category::Hash, Category::Mac, Category::Kdf, Category::KeyExchange, Category::PublicKey];

    pub fn title(self) -> M {
        match self {
            Category::Encoding => M::WbCatEncoding,
            Category::Cipher => M::WbCatCipher,
            Category::Aead => M::WbCatAead,
            Category::Hash => M::WbCatHash,
            Category::Mac => M::WbCatMac,
            Category::Kdf => M::WbCatKdf,
            Category::KeyExchange => M::WbCatKeyExchange,
            Category::PublicKey => M::WbCatPublicKey,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct WorkbenchTool {
    pub spec: ToolSpec,
    pub category: Category,
    /// Where its test vectors come from.
    pub standard: &'static str,
}

pub fn info(id: &str) -> Option<&'static WorkbenchTool> {
    TOOLS.iter().find(|t| t.spec.id == id)
}

/// The inputs a tool starts with: every field's default.
pub fn defaults(tool: &WorkbenchTool) -> Inputs {
    tool.spec.start_values(&Default::default())
}

/// Runs a tool at once: the worker calls it for light tools. A long tool also runs here to its
/// end, without progress (native tests, the command line).
pub fn run(tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
    match info(tool).map(|t| t.spec.cost) {
        None => Err(Msg::UnknownTool(tool)),
        Some(Cost::Light) => run::run_light(tool, inputs),
        Some(Cost::Long) => crate::core::engines::finish(start(tool, inputs)?),
    }
}

/// The RSA tools opened with a key that `rsa-keygen` generated (its n, e, p and q), each with
/// the name its link shows.
pub fn key_links(keygen: &ToolRun) -> Option<Vec<(&'static str, WorkbenchLink)>> {
    let get = |m: M| keygen.get(m).and_then(crate::core::tools::Value::plain);
    let (n, e, p, q) = (get(M::WbRsaN)?, get(M::WbRsaE)?, get(M::WbRsaP)?, get(M::WbRsaQ)?);
    let key = [("n", n.as_str()), ("e", e.as_str()), ("p", p.as_str()), ("q", q.as_str())];
    let link = |tool: &str, operation: &str, extra: &[(&str, &str)]| {
        let fields: Vec<(&str, &str)> = [("operation", operation), ("encoding", "utf8"), ("data", "hello")].iter().chain(extra).chain(&key).copied().collect();
        WorkbenchLink::new(tool, &fields)
    };
    Some(vec![("RSA-OAEP", link("rsa-oaep", "encrypt", &[])), ("RSA PKCS#1 v1.5", link("rsa-pkcs1v15", "encrypt", &[])), ("RSA-PSS", link("rsa-pss", "sign", &[("signature", "")]))])
}

/// Starts a long tool: RSA key generation searches its primes a few candidates per step; the
/// other long tools (PBKDF2, Argon2, FFDH, the RSA schemes) are one computation, done by the
/// job's first step.
pub fn start(tool: &str, inputs: &Inputs) -> Result<Box<dyn Job>, Msg> {
    let Some(t) = info(tool) else {
        return Err(Msg::UnknownTool(tool));
    };
    match t.spec.id {
        "rsa-keygen" => Ok(Box::new(public_key::Keygen::new(inputs)?)),
        id => Ok(Box::new(OneStep { tool: id, inputs: Some(inputs.clone()) })),
    }
}

/// A job that does the whole computation in its first step.
struct OneStep {
    tool: &'static str,
    inputs: Option<Inputs>,
}

impl Job for OneStep {
    fn step(&mut self) -> JobStep {
        let inputs = self.inputs.take().unwrap_or_default();
        JobStep::Done(match self.tool {
            "pbkdf2" => run::pbkdf2_tool(&inputs),
            "argon2" => run::argon2_tool(&inputs),
            "ffdh" => ffdh::run(&inputs),
            "rsa-oaep" | "rsa-pkcs1v15" | "rsa-pss" => public_key::run_scheme(self.tool, &inputs),
            other => run::run_light(other, &inputs),
        })
    }
}

const ENCODINGS: &[&str] = &["utf8", "hex", "base64"];
const DATA_ENCODINGS: &[&str] = &["utf8", "hex"];
const OPERATIONS: &[&str] = &["encrypt", "decrypt"];
const HASHES: &[&str] = &["sha-256", "sha-512"];
const HEX: FieldKind = FieldKind::Hex { bytes: None };

const OPERATION: Field = Field::new("operation", M::WbOperation, FieldKind::Select(OPERATIONS)).default("encrypt");

const fn tool(id: &'static str, title: M, help: M, fields: &'static [Field], cost: Cost) -> ToolSpec {
    ToolSpec { id, title, help, button: M::WbRun, fields, oracle: false, cost, after_solving: false }
}

pub static TOOLS: &[WorkbenchTool] = &[
    WorkbenchTool {
        spec: tool(
            "convert",
            M::WbConvertTitle,
            M::WbConvertHelp,
            &[
                Field::new("from", M::WbConvertFrom, FieldKind::Select(ENCODINGS)).default("utf8"),
                Field::new("to", M::WbConvertTo, FieldKind::Select(ENCODINGS)).default("hex"),
                Field::new("input", M::WbConvertInput, FieldKind::LongText).default("foobar"),
            ],
            Cost::Light,
        ),
        category: Category::Encoding,
        standard: "RFC 4648 §10",
    },
    WorkbenchTool {
        spec: tool(
            "aes",
            M::WbAesTitle,
            M::WbAesHelp,
            &[
                OPERATION,
                Field::new("mode", M::WbAesMode, FieldKind::Select(&["ecb", "cbc", "ctr"])).default("cbc"),
                Field::new("padding", M::WbAesPadding, FieldKind::Select(&["pkcs7", "none"])).default("none"),
                Field::new("key", M::WbAesKey, HEX).default("2b7e151628aed2a6abf7158809cf4f3c"),
                Field::new("iv", M::WbAesIv, HEX).default("000102030405060708090a0b0c0d0e0f"),
                Field::new("data", M::WbAesData, HEX).default("6bc1bee22e409f96e93d7e117393172a"),
            ],
            Cost::Light,
        ),
        category: Category::Cipher,
        standard: "NIST SP 800-38A",
    },
    WorkbenchTool {
        spec: tool(
            "aes-gcm",
            M::WbGcmTitle,
            M::WbGcmHelp,
            &[
                OPERATION,
                Field::new("key", M::WbAesKey, HEX).default("00000000000000000000000000000000"),
                Field::new("nonce", M::WbAeadNonce, FieldKind::Hex { bytes: Some(12) }).default("000000000000000000000000"),
                Field::new("aad", M::WbAeadAad, HEX).default(""),
                Field::new("data", M::WbAeadData, HEX).default("00000000000000000000000000000000"),
            ],
            Cost::Light,
        ),
        category: Category::Aead,
        standard: "McGrew–Viega GCM test cases; NIST SP 800-38D",
    },
    WorkbenchTool {
        spec: tool(
            "chacha20-poly1305",
            M::WbChachaTitle,
            M::WbChachaHelp,
            &[
                OPERATION,
                Field::new("key", M::WbAeadKey32, FieldKind::Hex { bytes: Some(32) }).default("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"),
                Field::new("nonce", M::WbAeadNonce, FieldKind::Hex { bytes: Some(12) }).default("070000004041424344454647"),
                Field::new("aad", M::WbAeadAad, HEX).default("50515253c0c1c2c3c4c5c6c7"),
                Field::new("data", M::WbAeadData, HEX).default("4c616469657320616e642047656e746c656d656e206f662074686520636c617373206f66202739393a204966204920636f756c64206f6666657220796f75206f6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73637265656e20776f756c642062652069742e"),
            ],
            Cost::Light,
        ),
        category: Category::Aead,
        standard: "RFC 8439 §2.8.2",
    },
    WorkbenchTool {
        spec: tool(
            "hash",
            M::WbHashTitle,
            M::WbHashHelp,
            &[
                Field::new("algorithm", M::WbHashAlgorithm, FieldKind::Select(HASHES)).default("sha-256"),
                Field::new("encoding", M::WbDataEncoding, FieldKind::Select(DATA_ENCODINGS)).default("utf8"),
                Field::new("data", M::WbHashData, FieldKind::LongText).default("abc"),
            ],
            Cost::Light,
        ),
        category: Category::Hash,
        standard: "FIPS 180-2 appendices B.1 and C.1",
    },
    WorkbenchTool {
        spec: tool(
            "hmac",
            M::WbHmacTitle,
            M::WbHmacHelp,
            &[
                Field::new("algorithm", M::WbHashAlgorithm, FieldKind::Select(HASHES)).default("sha-256"),
                Field::new("key_encoding", M::WbHmacKeyEncoding, FieldKind::Select(DATA_ENCODINGS)).default("utf8"),
                Field::new("key", M::WbHmacKey, FieldKind::Text).default("Jefe"),
                Field::new("encoding", M::WbDataEncoding, FieldKind::Select(DATA_ENCODINGS)).default("utf8"),
                Field::new("data", M::WbHashData, FieldKind::LongText).default("what do ya want for nothing?"),
            ],
            Cost::Light,
        ),
        category: Category::Mac,
        standard: "RFC 4231 §4.3",
    },
    WorkbenchTool {
        spec: tool(
            "hkdf",
            M::HkdfTitle,
            M::WbHkdfHelp,
            &[
                Field::new("salt", M::WbHkdfSalt, HEX).default("000102030405060708090a0b0c"),
                Field::new("ikm", M::HkdfIkm, HEX).default("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
                Field::new("info_encoding", M::WbHkdfInfoEncoding, FieldKind::Select(DATA_ENCODINGS)).default("hex"),
                Field::new("info", M::WbHkdfInfo, FieldKind::Text).default("f0f1f2f3f4f5f6f7f8f9"),
                Field::new("length", M::WbHkdfLength, FieldKind::Number { min: 1, max: 8160 }).default("42"),
            ],
            Cost::Light,
        ),
        category: Category::Kdf,
        standard: "RFC 5869 A.1",
    },
    WorkbenchTool {
        spec: tool(
            "pbkdf2",
            M::WbPbkdf2Title,
            M::WbPbkdf2Help,
            &[
                Field::new("algorithm", M::WbPbkdf2Hmac, FieldKind::Select(HASHES)).default("sha-256"),
                Field::new("password", M::WbPbkdf2Password, FieldKind::Text).default("passwd"),
                Field::new("salt", M::WbPbkdf2Salt, FieldKind::Text).default("salt"),
                Field::new("iterations", M::WbPbkdf2Iterations, FieldKind::Number { min: 1, max: 10_000_000 }).default("1"),
                Field::new("length", M::WbPbkdf2Length, FieldKind::Number { min: 1, max: 1024 }).default("64"),
            ],
            Cost::Long,
        ),
        category: Category::Kdf,
        standard: "RFC 7914 §11",
    },
    WorkbenchTool {
        spec: tool(
            "argon2",
            M::WbArgon2Title,
            M::WbArgon2Help,
            &[
                Field::new("variant", M::WbArgon2Variant, FieldKind::Select(&["argon2id", "argon2i", "argon2d"])).default("argon2id"),
                Field::new("encoding", M::WbArgon2Encoding, FieldKind::Select(DATA_ENCODINGS)).default("utf8"),
                Field::new("password", M::WbArgon2Password, FieldKind::Text).default("correct horse battery staple"),
                Field::new("salt", M::WbArgon2Salt, FieldKind::Text).default("seclab-salt"),
                Field::new("secret", M::WbArgon2Secret, HEX).default(""),
                Field::new("ad", M::WbArgon2Ad, HEX).default(""),
                Field::new("memory", M::WbArgon2Memory, FieldKind::Number { min: 8, max: 262_144 }).default("19456"),
                Field::new("iterations", M::WbArgon2Passes, FieldKind::Number { min: 1, max: 10 }).default("2"),
                Field::new("parallelism", M::WbArgon2Parallelism, FieldKind::Number { min: 1, max: 8 }).default("1"),
                Field::new("length", M::WbArgon2Length, FieldKind::Number { min: 4, max: 1024 }).default("32"),
            ],
            Cost::Long,
        ),
        category: Category::Kdf,
        standard: "RFC 9106 §5.3",
    },
    WorkbenchTool {
        spec: tool(
            "ffdh",
            M::WbFfdhTitle,
            M::WbFfdhHelp,
            &[
                Field::new("group", M::WbFfdhGroup, FieldKind::Select(ffdh::GROUPS)).default("rfc5114-1024-160"),
                Field::new("private", M::WbFfdhPrivate, HEX).default("B9A3B3AE8FEFC1A2930496507086F8455D48943E"),
                Field::new("peer", M::WbFfdhPeer, HEX).default("717A6CB053371FF4A3B932941C1E5663F861A1D6AD34AE66576DFB98F6C6CBF9DDD5A56C7833F6BCFDFF095582AD868E440E8D09FD769E3CECCDC3D3B1E4CFA057776CAAF9739B6A9FEE8E7411F8D6DAC09D6A4EDB46CC2B5D5203090EAE6126311E53FD2C14B574E6A3109A3DA1BE41BDCEAA186F5CE06716A2B6A07B3C33FE"),
            ],
            Cost::Long,
        ),
        category: Category::KeyExchange,
        standard: "RFC 5114 A.1",
    },
    WorkbenchTool {
        spec: tool(
            "bigint",
            M::WbBigintTitle,
            M::WbBigintHelp,
            &[
                Field::new("op", M::WbOperation, FieldKind::Select(public_key::BIGINT_OPS)).default("modinv"),
                Field::new("x", M::WbBigintX, FieldKind::Text).default("17"),
                Field::new("y", M::WbBigintY, FieldKind::Text).default(""),
                Field::new("m", M::WbBigintM, FieldKind::Text).default("3120"),
            ],
            Cost::Light,
        ),
        category: Category::PublicKey,
        standard: "Wikipedia, RSA (cryptosystem): p = 61, q = 53, e = 17, d = 2753",
    },
    WorkbenchTool {
        spec: tool(
            "signature",
            M::WbSignatureTitle,
            M::WbSignatureHelp,
            &[
                Field::new("algorithm", M::WbSignatureAlgorithm, FieldKind::Select(&["ed25519", "ecdsa-p256"])).default("ed25519"),
                Field::new("operation", M::WbOperation, FieldKind::Select(&["verify", "sign"])).default("verify"),
                Field::new("key", M::WbSignatureKey, HEX).default("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
                Field::new("encoding", M::WbMessageEncoding, FieldKind::Select(DATA_ENCODINGS)).default("utf8"),
                Field::new("message", M::WbSignatureMessage, FieldKind::LongText).default(""),
                Field::new("signature", M::WbSignatureSignature, HEX).default("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
            ],
            Cost::Light,
        ),
        category: Category::PublicKey,
        standard: "RFC 8032 §7.1 TEST 1; RFC 6979 A.2.5",
    },
    WorkbenchTool {
        spec: tool("rsa-keygen", M::WbKeygenTitle, M::WbKeygenHelp, &[Field::new("bits", M::WbKeygenBits, FieldKind::Select(crate::core::crypto::rsa_kit::KEY_SIZES)).default("1024")], Cost::Long),
        category: Category::PublicKey,
        standard: "RFC 8017 §3; FIPS 186-5 A.1.3 (probable primes)",
    },
    WorkbenchTool {
        spec: tool("rsa-oaep", M::WbOaepTitle, M::WbOaepHelp, RSA_ENC_FIELDS, Cost::Long),
        category: Category::PublicKey,
        standard: "RFC 8017 §7.1; Wycheproof rsa_oaep_2048_sha256_mgf1sha256 tcId 3",
    },
    WorkbenchTool {
        spec: tool("rsa-pkcs1v15", M::WbPkcs1Title, M::WbPkcs1Help, RSA_PKCS1_FIELDS, Cost::Long),
        category: Category::PublicKey,
        standard: "RFC 8017 §7.2 (round trip and tamper tests; no stored vector)",
    },
    WorkbenchTool {
        spec: tool(
            "rsa-pss",
            M::WbPssTitle,
            M::WbPssHelp,
            &[
                Field::new("operation", M::WbOperation, FieldKind::Select(&["sign", "verify"])).default("verify"),
                N_FIELD,
                E_FIELD,
                P_FIELD,
                Q_FIELD,
                Field::new("encoding", M::WbMessageEncoding, FieldKind::Select(DATA_ENCODINGS)).default("utf8"),
                Field::new("data", M::WbPssMessage, FieldKind::LongText).default("Test"),
                Field::new("signature", M::WbPssSignature, HEX).default(public_key::W_PSS_SIG),
            ],
            Cost::Long,
        ),
        category: Category::PublicKey,
        standard: "RFC 8017 §8.1; Wycheproof rsa_pss_2048_sha256_mgf1_32 tcId 3",
    },
];

const N_FIELD: Field = Field::new("n", M::WbRsaFieldN, HEX).default(public_key::W_N);
const E_FIELD: Field = Field::new("e", M::WbRsaFieldE, HEX).default("010001");
const P_FIELD: Field = Field::new("p", M::WbRsaFieldP, HEX).default(public_key::W_P);
const Q_FIELD: Field = Field::new("q", M::WbRsaFieldQ, HEX).default(public_key::W_Q);
const RSA_ENC_FIELDS: &[Field] = &[
    Field::new("operation", M::WbOperation, FieldKind::Select(OPERATIONS)).default("decrypt"),
    N_FIELD,
    E_FIELD,
    P_FIELD,
    Q_FIELD,
    Field::new("encoding", M::WbDataEncoding, FieldKind::Select(DATA_ENCODINGS)).default("hex"),
    Field::new("data", M::WbRsaData, FieldKind::LongText).default(public_key::W_OAEP_CT),
];
const RSA_PKCS1_FIELDS: &[Field] = &[
    OPERATION,
    N_FIELD,
    E_FIELD,
    P_FIELD,
    Q_FIELD,
    Field::new("encoding", M::WbDataEncoding, FieldKind::Select(DATA_ENCODINGS)).default("utf8"),
    Field::new("data", M::WbRsaData, FieldKind::LongText).default("valve open"),
];

#[cfg(test)]
mod tests;
