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
mod public_key;
mod run;
pub use public_key::{bigint_calc, key_lines, step_candidates, BIGINT_OPS};
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
    PublicKey,
}

impl Category {
    pub const ALL: [Category; 8] = [Category::Encoding, Category::Cipher, Category::Aead, Category::Hash, Category::Mac, Category::Kdf, Category::KeyExchange, Category::PublicKey];

    pub fn title(self) -> L10n {
        match self {
            Category::Encoding => L10n { fr: "Conversions", en: "Conversions" },
            Category::Cipher => L10n { fr: "Chiffrement par bloc", en: "Block ciphers" },
            Category::Aead => L10n { fr: "Chiffrement authentifié (AEAD)", en: "Authenticated encryption (AEAD)" },
            Category::Hash => L10n { fr: "Hachage", en: "Hashing" },
            Category::Mac => L10n { fr: "Codes d'authentification (MAC)", en: "Message authentication codes (MAC)" },
            Category::Kdf => L10n { fr: "Dérivation de clés et mots de passe", en: "Key and password derivation" },
            Category::KeyExchange => L10n { fr: "Échange de clés", en: "Key exchange" },
            Category::PublicKey => L10n { fr: "Clé publique (RSA, signatures)", en: "Public key (RSA, signatures)" },
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
    ToolInfo {
        id: "bigint",
        category: Category::PublicKey,
        title: L10n { fr: "Calculatrice de grands entiers", en: "Big-integer calculator" },
        description: L10n {
            fr: "Nombres en décimal, ou en hexadécimal précédés de 0x. modpow : x^y mod m (y négatif : inverse) ; modinv : x⁻¹ mod m ; egcd : pgcd(x, y) et u, v de Bézout ; crt : restes « a1, a2[, a3] » dans x, modules « n1, n2[, n3] » dans m ; root : ⌊x^(1/y)⌋ ; mul : x·y (mod m si m est donné) ; text : l'entier x lu comme des octets UTF-8. Arithmétique d'enseignement, sans protection contre les canaux auxiliaires.",
            en: "Numbers in decimal, or in hex after 0x. modpow: x^y mod m (negative y: inverse); modinv: x⁻¹ mod m; egcd: gcd(x, y) and Bézout's u, v; crt: residues \"a1, a2[, a3]\" in x, moduli \"n1, n2[, n3]\" in m; root: ⌊x^(1/y)⌋; mul: x·y (mod m when m is given); text: the integer x read as UTF-8 bytes. Teaching arithmetic, with no side-channel protection.",
        },
        fields: &[
            field("op", "Opération", "Operation", FieldKind::Select(public_key::BIGINT_OPS), "modinv"),
            field("x", "x", "x", FieldKind::Text, "17"),
            field("y", "y", "y", FieldKind::Text, ""),
            field("m", "m (module)", "m (modulus)", FieldKind::Text, "3120"),
        ],
        heavy: false,
        standard: "Wikipedia, RSA (cryptosystem): p = 61, q = 53, e = 17, d = 2753",
    },
    ToolInfo {
        id: "signature",
        category: Category::PublicKey,
        title: L10n { fr: "Signatures Ed25519 et ECDSA P-256", en: "Ed25519 and ECDSA P-256 signatures" },
        description: L10n {
            fr: "Signer avec une clé privée (32 octets) ou vérifier avec une clé publique : Ed25519 32 octets, P-256 point SEC1 non compressé de 65 octets. ECDSA utilise SHA-256 et le nonce déterministe de la RFC 6979. Les valeurs par défaut sont le TEST 1 de la RFC 8032.",
            en: "Sign with a private key (32 bytes) or verify with a public key: Ed25519 32 bytes, P-256 an uncompressed 65-byte SEC1 point. ECDSA uses SHA-256 and the deterministic nonce of RFC 6979. The defaults are RFC 8032 TEST 1.",
        },
        fields: &[
            field("algorithm", "Algorithme", "Algorithm", FieldKind::Select(&["ed25519", "ecdsa-p256"]), "ed25519"),
            field("operation", "Opération", "Operation", FieldKind::Select(&["verify", "sign"]), "verify"),
            field("key", "Clé (hex) : publique pour vérifier, privée pour signer", "Key (hex): public to verify, private to sign", FieldKind::Hex, "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
            field("encoding", "Le message est en", "Message is written as", FieldKind::Select(DATA_ENCODINGS), "utf8"),
            field("message", "Message (peut être vide)", "Message (may be empty)", FieldKind::Text, ""),
            field("signature", "Signature (hex, 64 octets ; ignorée pour signer)", "Signature (hex, 64 bytes; ignored when signing)", FieldKind::Hex, "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        ],
        heavy: false,
        standard: "RFC 8032 §7.1 TEST 1; RFC 6979 A.2.5",
    },
    ToolInfo {
        id: "rsa-keygen",
        category: Category::PublicKey,
        title: L10n { fr: "Génération de clé RSA", en: "RSA key generation" },
        description: L10n {
            fr: "Cherche deux nombres premiers p et q (crible des petits facteurs puis test de Baillie-PSW) dans le worker, en montrant la progression, puis assemble la clé (e = 65537) avec la bibliothèque rsa. 512 et 768 bits : pour apprendre seulement (factorisables).",
            en: "Searches two primes p and q (small-factor sieve then the Baillie-PSW test) in the worker, showing progress, then assembles the key (e = 65537) with the rsa library. 512 and 768 bits: for learning only (factorable).",
        },
        fields: &[field("bits", "Taille (bits)", "Size (bits)", FieldKind::Select(crate::core::crypto::rsa_kit::KEY_SIZES), "1024")],
        heavy: true,
        standard: "RFC 8017 §3; FIPS 186-5 A.1.3 (probable primes)",
    },
    ToolInfo {
        id: "rsa-oaep",
        category: Category::PublicKey,
        title: L10n { fr: "RSA-OAEP (SHA-256)", en: "RSA-OAEP (SHA-256)" },
        description: L10n {
            fr: "Chiffrement RSA avec le bourrage aléatoire OAEP (SHA-256, MGF1-SHA256). Chiffrer demande n et e ; déchiffrer demande p, q et e (d est recalculé). Par défaut : le vecteur tcId 3 de Wycheproof.",
            en: "RSA encryption with OAEP's random padding (SHA-256, MGF1-SHA256). Encrypting needs n and e; decrypting needs p, q and e (d is recomputed). Default: Wycheproof vector tcId 3.",
        },
        fields: RSA_ENC_FIELDS,
        heavy: true,
        standard: "RFC 8017 §7.1; Wycheproof rsa_oaep_2048_sha256_mgf1sha256 tcId 3",
    },
    ToolInfo {
        id: "rsa-pkcs1v15",
        category: Category::PublicKey,
        title: L10n { fr: "RSA PKCS#1 v1.5 (chiffrement)", en: "RSA PKCS#1 v1.5 (encryption)" },
        description: L10n {
            fr: "L'ancien bourrage de chiffrement, encore très répandu. Le déchiffrement rejette implicitement : un bourrage faux donne un message synthétique, pas d'erreur, pour ne pas offrir d'oracle (Bleichenbacher 1998).",
            en: "The older encryption padding, still widespread. Decryption rejects implicitly: bad padding gives a synthetic message, not an error, so as to offer no oracle (Bleichenbacher 1998).",
        },
        fields: RSA_PKCS1_FIELDS,
        heavy: true,
        standard: "RFC 8017 §7.2 (round trip and tamper tests; no stored vector)",
    },
    ToolInfo {
        id: "rsa-pss",
        category: Category::PublicKey,
        title: L10n { fr: "Signature RSA-PSS (SHA-256)", en: "RSA-PSS signature (SHA-256)" },
        description: L10n {
            fr: "Signer demande p, q et e ; vérifier demande n, e et la signature. Sel aléatoire de 32 octets. Par défaut : le vecteur tcId 3 de Wycheproof (signature valide de « Test »).",
            en: "Signing needs p, q and e; verifying needs n, e and the signature. Random 32-byte salt. Default: Wycheproof vector tcId 3 (a valid signature of \"Test\").",
        },
        fields: &[
            field("operation", "Opération", "Operation", FieldKind::Select(&["sign", "verify"]), "verify"),
            N_FIELD,
            E_FIELD,
            P_FIELD,
            Q_FIELD,
            field("encoding", "Le message est en", "Message is written as", FieldKind::Select(DATA_ENCODINGS), "utf8"),
            field("data", "Message", "Message", FieldKind::Text, "Test"),
            field("signature", "Signature (hex, pour vérifier)", "Signature (hex, to verify)", FieldKind::Hex, public_key::W_PSS_SIG),
        ],
        heavy: true,
        standard: "RFC 8017 §8.1; Wycheproof rsa_pss_2048_sha256_mgf1_32 tcId 3",
    },
];

const N_FIELD: Field = field("n", "n (hex)", "n (hex)", FieldKind::Hex, public_key::W_N);
const E_FIELD: Field = field("e", "e (hex)", "e (hex)", FieldKind::Hex, "010001");
const P_FIELD: Field = field("p", "p (hex, clé privée)", "p (hex, private key)", FieldKind::Hex, public_key::W_P);
const Q_FIELD: Field = field("q", "q (hex, clé privée)", "q (hex, private key)", FieldKind::Hex, public_key::W_Q);
const ENC_OPERATION: Field = field("operation", "Opération", "Operation", FieldKind::Select(OPERATIONS), "decrypt");
const RSA_ENC_FIELDS: &[Field] = &[
    ENC_OPERATION,
    N_FIELD,
    E_FIELD,
    P_FIELD,
    Q_FIELD,
    field("encoding", "Les données sont en", "Data is written as", FieldKind::Select(DATA_ENCODINGS), "hex"),
    field("data", "Clair, ou chiffré en hex", "Plaintext, or ciphertext in hex", FieldKind::Text, public_key::W_OAEP_CT),
];
const RSA_PKCS1_FIELDS: &[Field] = &[
    field("operation", "Opération", "Operation", FieldKind::Select(OPERATIONS), "encrypt"),
    N_FIELD,
    E_FIELD,
    P_FIELD,
    Q_FIELD,
    field("encoding", "Les données sont en", "Data is written as", FieldKind::Select(DATA_ENCODINGS), "utf8"),
    field("data", "Clair, ou chiffré en hex", "Plaintext, or ciphertext in hex", FieldKind::Text, "valve open"),
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
