//! The crypto workbench, a small CyberChef for the lab: self-describing tools in one registry.
//!
//! [`TOOLS`] is plain data (names, fields, defaults) that the page renders; [`run`] does the
//! work. They are apart on purpose: the page's wasm links the descriptions only, and the heavy
//! tools (PBKDF2, Argon2) run in the worker's wasm, so the first load stays small and the page
//! never blocks.

use std::collections::BTreeMap;

use crate::core::engines::ToolOutput;
use crate::core::i18n::{Bilingual, L10n};

mod ffdh;
mod run;
pub use run::{run, run_light};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Encoding,
    Cipher,
    Aead,
    Hash,
    Mac,
    Kdf,
    KeyExchange,
}

impl Category {
    pub const ALL: [Category; 7] = [Category::Encoding, Category::Cipher, Category::Aead, Category::Hash, Category::Mac, Category::Kdf, Category::KeyExchange];

    pub fn title(self) -> L10n {
        match self {
            Category::Encoding => L10n { fr: "Conversions", en: "Conversions" },
            Category::Cipher => L10n { fr: "Chiffrement par bloc", en: "Block ciphers" },
            Category::Aead => L10n { fr: "Chiffrement authentifié (AEAD)", en: "Authenticated encryption (AEAD)" },
            Category::Hash => L10n { fr: "Hachage", en: "Hashing" },
            Category::Mac => L10n { fr: "Codes d'authentification (MAC)", en: "Message authentication codes (MAC)" },
            Category::Kdf => L10n { fr: "Dérivation de clés et mots de passe", en: "Key and password derivation" },
            Category::KeyExchange => L10n { fr: "Échange de clés", en: "Key exchange" },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Hexadecimal bytes (spaces, ":" and a leading 0x are ignored).
    Hex,
    /// Free text, used as UTF-8 or as the field's `encoding` says.
    Text,
    Select(&'static [&'static str]),
    Number { min: u64, max: u64 },
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub id: &'static str,
    pub label: L10n,
    pub kind: FieldKind,
    pub default: &'static str,
}

#[derive(Debug, Clone, Copy)]
pub struct ToolInfo {
    pub id: &'static str,
    pub category: Category,
    pub title: L10n,
    pub description: L10n,
    pub fields: &'static [Field],
    /// Runs in the worker: it can take far more than 50 ms.
    pub heavy: bool,
    /// Where its test vectors come from.
    pub standard: &'static str,
}

pub fn info(id: &str) -> Option<&'static ToolInfo> {
    TOOLS.iter().find(|t| t.id == id)
}

/// The inputs a tool starts with: every field's default.
pub fn defaults(tool: &ToolInfo) -> BTreeMap<String, String> {
    tool.fields.iter().map(|f| (f.id.to_string(), f.default.to_string())).collect()
}

const ENCODINGS: &[&str] = &["utf8", "hex", "base64"];
const DATA_ENCODINGS: &[&str] = &["utf8", "hex"];
const OPERATIONS: &[&str] = &["encrypt", "decrypt"];

const fn field(id: &'static str, fr: &'static str, en: &'static str, kind: FieldKind, default: &'static str) -> Field {
    Field { id, label: L10n { fr, en }, kind, default }
}

const OPERATION: Field = field("operation", "Opération", "Operation", FieldKind::Select(OPERATIONS), "encrypt");

pub static TOOLS: &[ToolInfo] = &[
    ToolInfo {
        id: "convert",
        category: Category::Encoding,
        title: L10n { fr: "Conversion UTF-8 / hex / base64", en: "UTF-8 / hex / base64 conversion" },
        description: L10n { fr: "Change la représentation des mêmes octets.", en: "Changes how the same bytes are written." },
        fields: &[
            field("from", "De", "From", FieldKind::Select(ENCODINGS), "utf8"),
            field("to", "Vers", "To", FieldKind::Select(ENCODINGS), "hex"),
            field("input", "Entrée", "Input", FieldKind::Text, "foobar"),
        ],
        heavy: false,
        standard: "RFC 4648 §10",
    },
    ToolInfo {
        id: "aes",
        category: Category::Cipher,
        title: L10n { fr: "AES (ECB, CBC, CTR)", en: "AES (ECB, CBC, CTR)" },
        description: L10n {
            fr: "AES-128, 192 ou 256 selon la longueur de la clé. Bourrage PKCS#7 facultatif en ECB et CBC ; CTR n'en a pas besoin.",
            en: "AES-128, 192 or 256 by key length. Optional PKCS#7 padding in ECB and CBC; CTR needs none.",
        },
        fields: &[
            OPERATION,
            field("mode", "Mode", "Mode", FieldKind::Select(&["ecb", "cbc", "ctr"]), "cbc"),
            field("padding", "Bourrage", "Padding", FieldKind::Select(&["pkcs7", "none"]), "none"),
            field("key", "Clé (hex : 16, 24 ou 32 octets)", "Key (hex: 16, 24 or 32 bytes)", FieldKind::Hex, "2b7e151628aed2a6abf7158809cf4f3c"),
            field("iv", "IV ou compteur initial (hex, 16 octets ; ignoré en ECB)", "IV or initial counter (hex, 16 bytes; ignored in ECB)", FieldKind::Hex, "000102030405060708090a0b0c0d0e0f"),
            field("data", "Données (hex)", "Data (hex)", FieldKind::Hex, "6bc1bee22e409f96e93d7e117393172a"),
        ],
        heavy: false,
        standard: "NIST SP 800-38A",
    },
    ToolInfo {
        id: "aes-gcm",
        category: Category::Aead,
        title: L10n { fr: "AES-GCM", en: "AES-GCM" },
        description: L10n {
            fr: "Chiffre et authentifie ; les données associées (AAD) sont authentifiées sans être chiffrées. En déchiffrement, donnez le chiffré suivi de l'étiquette.",
            en: "Encrypts and authenticates; associated data (AAD) is authenticated, not encrypted. To decrypt, give the ciphertext followed by the tag.",
        },
        fields: &[
            OPERATION,
            field("key", "Clé (hex : 16, 24 ou 32 octets)", "Key (hex: 16, 24 or 32 bytes)", FieldKind::Hex, "00000000000000000000000000000000"),
            field("nonce", "Nonce (hex, 12 octets)", "Nonce (hex, 12 bytes)", FieldKind::Hex, "000000000000000000000000"),
            field("aad", "Données associées (hex, peut être vide)", "Associated data (hex, may be empty)", FieldKind::Hex, ""),
            field("data", "Clair, ou chiffré‖étiquette (hex)", "Plaintext, or ciphertext‖tag (hex)", FieldKind::Hex, "00000000000000000000000000000000"),
        ],
        heavy: false,
        standard: "McGrew–Viega GCM test cases; NIST SP 800-38D",
    },
    ToolInfo {
        id: "chacha20-poly1305",
        category: Category::Aead,
        title: L10n { fr: "ChaCha20-Poly1305", en: "ChaCha20-Poly1305" },
        description: L10n {
            fr: "L'AEAD de RFC 8439, rapide sans accélération AES. En déchiffrement, donnez le chiffré suivi de l'étiquette.",
            en: "The AEAD of RFC 8439, fast without AES hardware. To decrypt, give the ciphertext followed by the tag.",
        },
        fields: &[
            OPERATION,
            field("key", "Clé (hex, 32 octets)", "Key (hex, 32 bytes)", FieldKind::Hex, "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"),
            field("nonce", "Nonce (hex, 12 octets)", "Nonce (hex, 12 bytes)", FieldKind::Hex, "070000004041424344454647"),
            field("aad", "Données associées (hex, peut être vide)", "Associated data (hex, may be empty)", FieldKind::Hex, "50515253c0c1c2c3c4c5c6c7"),
            field("data", "Clair, ou chiffré‖étiquette (hex)", "Plaintext, or ciphertext‖tag (hex)", FieldKind::Hex, "4c616469657320616e642047656e746c656d656e206f662074686520636c617373206f66202739393a204966204920636f756c64206f6666657220796f75206f6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73637265656e20776f756c642062652069742e"),
        ],
        heavy: false,
        standard: "RFC 8439 §2.8.2",
    },
    ToolInfo {
        id: "hash",
        category: Category::Hash,
        title: L10n { fr: "SHA-256 / SHA-512", en: "SHA-256 / SHA-512" },
        description: L10n { fr: "Empreinte de la famille SHA-2 (FIPS 180-4).", en: "SHA-2 family digest (FIPS 180-4)." },
        fields: &[
            field("algorithm", "Algorithme", "Algorithm", FieldKind::Select(&["sha-256", "sha-512"]), "sha-256"),
            field("encoding", "Les données sont en", "Data is written as", FieldKind::Select(DATA_ENCODINGS), "utf8"),
            field("data", "Données", "Data", FieldKind::Text, "abc"),
        ],
        heavy: false,
        standard: "FIPS 180-2 appendices B.1 and C.1",
    },
    ToolInfo {
        id: "hmac",
        category: Category::Mac,
        title: L10n { fr: "HMAC", en: "HMAC" },
        description: L10n { fr: "HMAC-SHA-256 ou HMAC-SHA-512 (RFC 2104).", en: "HMAC-SHA-256 or HMAC-SHA-512 (RFC 2104)." },
        fields: &[
            field("algorithm", "Algorithme", "Algorithm", FieldKind::Select(&["sha-256", "sha-512"]), "sha-256"),
            field("key_encoding", "La clé est en", "Key is written as", FieldKind::Select(DATA_ENCODINGS), "utf8"),
            field("key", "Clé", "Key", FieldKind::Text, "Jefe"),
            field("encoding", "Les données sont en", "Data is written as", FieldKind::Select(DATA_ENCODINGS), "utf8"),
            field("data", "Données", "Data", FieldKind::Text, "what do ya want for nothing?"),
        ],
        heavy: false,
        standard: "RFC 4231 §4.3",
    },
    ToolInfo {
        id: "hkdf",
        category: Category::Kdf,
        title: L10n { fr: "HKDF-SHA256", en: "HKDF-SHA256" },
        description: L10n { fr: "Extract puis Expand (RFC 5869) : des clés indépendantes à partir d'un secret.", en: "Extract then Expand (RFC 5869): independent keys from one secret." },
        fields: &[
            field("salt", "Sel (hex, peut être vide)", "Salt (hex, may be empty)", FieldKind::Hex, "000102030405060708090a0b0c"),
            field("ikm", "Secret d'entrée (hex)", "Input keying material (hex)", FieldKind::Hex, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
            field("info_encoding", "Info est en", "Info is written as", FieldKind::Select(DATA_ENCODINGS), "hex"),
            field("info", "Info", "Info", FieldKind::Text, "f0f1f2f3f4f5f6f7f8f9"),
            field("length", "Longueur (octets, 1 à 8160)", "Length (bytes, 1 to 8160)", FieldKind::Number { min: 1, max: 8160 }, "42"),
        ],
        heavy: false,
        standard: "RFC 5869 A.1",
    },
    ToolInfo {
        id: "pbkdf2",
        category: Category::Kdf,
        title: L10n { fr: "PBKDF2-HMAC", en: "PBKDF2-HMAC" },
        description: L10n {
            fr: "Dérive une clé d'un mot de passe en répétant HMAC ; le nombre d'itérations règle le coût d'une attaque par dictionnaire.",
            en: "Derives a key from a password by iterating HMAC; the iteration count sets the cost of a dictionary attack.",
        },
        fields: &[
            field("algorithm", "HMAC", "HMAC", FieldKind::Select(&["sha-256", "sha-512"]), "sha-256"),
            field("password", "Mot de passe (UTF-8)", "Password (UTF-8)", FieldKind::Text, "passwd"),
            field("salt", "Sel (UTF-8)", "Salt (UTF-8)", FieldKind::Text, "salt"),
            field("iterations", "Itérations (1 à 10 000 000)", "Iterations (1 to 10,000,000)", FieldKind::Number { min: 1, max: 10_000_000 }, "1"),
            field("length", "Longueur (octets, 1 à 1024)", "Length (bytes, 1 to 1024)", FieldKind::Number { min: 1, max: 1024 }, "64"),
        ],
        heavy: true,
        standard: "RFC 7914 §11",
    },
    ToolInfo {
        id: "argon2",
        category: Category::Kdf,
        title: L10n { fr: "Argon2", en: "Argon2" },
        description: L10n {
            fr: "Hachage de mot de passe coûteux en mémoire (RFC 9106) : chaque essai d'un attaquant coûte autant de mémoire.",
            en: "Memory-hard password hashing (RFC 9106): each of an attacker's guesses costs as much memory.",
        },
        fields: &[
            field("variant", "Variante", "Variant", FieldKind::Select(&["argon2id", "argon2i", "argon2d"]), "argon2id"),
            field("encoding", "Mot de passe et sel sont en", "Password and salt are written as", FieldKind::Select(DATA_ENCODINGS), "utf8"),
            field("password", "Mot de passe", "Password", FieldKind::Text, "correct horse battery staple"),
            field("salt", "Sel (au moins 8 octets)", "Salt (at least 8 bytes)", FieldKind::Text, "seclab-salt"),
            field("secret", "Secret (hex, facultatif)", "Secret (hex, optional)", FieldKind::Hex, ""),
            field("ad", "Données associées (hex, facultatif)", "Associated data (hex, optional)", FieldKind::Hex, ""),
            field("memory", "Mémoire (Kio, 8 à 262 144)", "Memory (KiB, 8 to 262,144)", FieldKind::Number { min: 8, max: 262_144 }, "19456"),
            field("iterations", "Passes (1 à 10)", "Passes (1 to 10)", FieldKind::Number { min: 1, max: 10 }, "2"),
            field("parallelism", "Parallélisme (1 à 8)", "Parallelism (1 to 8)", FieldKind::Number { min: 1, max: 8 }, "1"),
            field("length", "Longueur (octets, 4 à 1024)", "Length (bytes, 4 to 1024)", FieldKind::Number { min: 4, max: 1024 }, "32"),
        ],
        heavy: true,
        standard: "RFC 9106 §5.3",
    },
    ToolInfo {
        id: "ffdh",
        category: Category::KeyExchange,
        title: L10n { fr: "Diffie-Hellman sur un corps fini", en: "Finite-field Diffie-Hellman" },
        description: L10n {
            fr: "Calcule gˣ mod p et le secret partagé yˣ mod p dans un groupe publié (RFC 5114, RFC 3526) ou le petit groupe p = 23 des manuels. Refuse une valeur publique hors de [2, p − 2] ou hors du sous-groupe.",
            en: "Computes gˣ mod p and the shared secret yˣ mod p in a published group (RFC 5114, RFC 3526) or the textbook group p = 23. Refuses a public value outside [2, p − 2] or outside the subgroup.",
        },
        fields: &[
            field("group", "Groupe", "Group", FieldKind::Select(ffdh::GROUPS), "rfc5114-1024-160"),
            field("private", "Exposant privé x (hex)", "Private exponent x (hex)", FieldKind::Hex, "B9A3B3AE8FEFC1A2930496507086F8455D48943E"),
            field("peer", "Valeur publique de l'autre partie y (hex, facultative)", "Other party's public value y (hex, optional)", FieldKind::Hex, "717A6CB053371FF4A3B932941C1E5663F861A1D6AD34AE66576DFB98F6C6CBF9DDD5A56C7833F6BCFDFF095582AD868E440E8D09FD769E3CECCDC3D3B1E4CFA057776CAAF9739B6A9FEE8E7411F8D6DAC09D6A4EDB46CC2B5D5203090EAE6126311E53FD2C14B574E6A3109A3DA1BE41BDCEAA186F5CE06716A2B6A07B3C33FE"),
        ],
        heavy: true,
        standard: "RFC 5114 A.1",
    },
];

/// A field's value as bytes, with an error that names the field.
pub(crate) fn input<'a>(inputs: &'a BTreeMap<String, String>, id: &str) -> &'a str {
    inputs.get(id).map(String::as_str).unwrap_or("")
}

pub(crate) fn field_label(tool: &str, id: &str) -> L10n {
    info(tool).and_then(|t| t.fields.iter().find(|f| f.id == id)).map(|f| f.label).unwrap_or(L10n { fr: "champ", en: "field" })
}

pub(crate) fn err(fr: impl Into<String>, en: impl Into<String>) -> Bilingual {
    Bilingual::new(fr, en)
}

pub type Outputs = Vec<ToolOutput>;

#[cfg(test)]
mod tests;
