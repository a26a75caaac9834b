//! The catalogue of every message an engine, a tool or the grader shows a learner: one typed
//! table, each entry with its French and English side by side and its named arguments.
//!
//! Why a typed table (and not Fluent or leptos_i18n): the page renders the messages that the
//! worker sends, so the catalogue must live in core (leptos_i18n is tied to Leptos) and cost the
//! page little (Fluent's runtime and plural rules weigh far more than these strings); a message
//! crosses the worker as a number and its arguments. A translator edits this one file: each
//! entry is `Name(arguments) => "français", "English";` and `{argument}` marks where an argument
//! goes. Plurals are carried by typed arguments ([`Arg::Bytes`] renders "1 octet" / "3 bytes").
//! Tests check that every entry is written in both languages with the same placeholders.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::core::i18n::Lang;

/// One argument of a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arg {
    /// Language-neutral text: a value, a name, hex.
    Text(String),
    Int(i64),
    /// A number of bytes, with its unit in the learner's language.
    Bytes(u64),
    /// Another message, rendered in the same language (a field's label, a reason).
    Msg(Box<Msg>),
}

impl Arg {
    pub fn bytes(n: usize) -> Arg {
        Arg::Bytes(n as u64)
    }

    pub fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Text(t) => t.clone(),
            Arg::Int(n) => n.to_string(),
            Arg::Bytes(n) => match (lang, *n) {
                (Lang::Fr, 0 | 1) => format!("{n} octet"),
                (Lang::Fr, _) => format!("{n} octets"),
                (Lang::En, 1) => "1 byte".to_string(),
                (Lang::En, _) => format!("{n} bytes"),
            },
            Arg::Msg(m) => m.render(lang),
        }
    }
}

impl From<&str> for Arg {
    fn from(t: &str) -> Arg {
        Arg::Text(t.to_string())
    }
}
impl From<String> for Arg {
    fn from(t: String) -> Arg {
        Arg::Text(t)
    }
}
impl From<&String> for Arg {
    fn from(t: &String) -> Arg {
        Arg::Text(t.clone())
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Int(n as i64)
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Int(n as i64)
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Int(n as i64)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Int(n)
    }
}
impl From<M> for Arg {
    fn from(m: M) -> Arg {
        Arg::Msg(Box::new(Msg { id: m, args: Vec::new() }))
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}

/// A catalogue entry with its arguments: what crosses from the worker to the page, rendered
/// there in the learner's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    pub id: M,
    pub args: Vec<Arg>,
}

impl Msg {
    pub fn render(&self, lang: Lang) -> String {
        let template = self.id.text(lang);
        let names = self.id.arg_names();
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match names.iter().position(|n| *n == name).and_then(|i| self.args.get(i)) {
                        Some(arg) => out.push_str(&arg.render(lang)),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// English, for the command line and test messages.
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }
}

impl From<M> for Msg {
    fn from(id: M) -> Msg {
        Msg { id, args: Vec::new() }
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

// Entries cross the worker as their number: compact, and the page's decoder stays small.
impl Serialize for M {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(*self as u16)
    }
}

impl<'de> Deserialize<'de> for M {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<M, D::Error> {
        let n = u16::deserialize(d)?;
        M::ALL.get(n as usize).copied().ok_or_else(|| serde::de::Error::custom(format!("no catalogue entry {n}")))
    }
}

macro_rules! catalogue {
    ($( $name:ident $(( $($arg:ident),* ))? => $fr:literal, $en:literal; )*) => {
        /// Every catalogue entry. `M::X.text(lang)` for a label; `Msg::X(args)` for a message.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u16)]
        pub enum M { $($name),* }

        impl M {
            pub const ALL: &'static [M] = &[$(M::$name),*];

            /// The entry's template in `lang`, placeholders left as they are.
            pub fn text(self, lang: Lang) -> &'static str {
                let (fr, en) = TEMPLATES[self as usize];
                match lang {
                    Lang::Fr => fr,
                    Lang::En => en,
                }
            }

            pub fn arg_names(self) -> &'static [&'static str] {
                ARG_NAMES[self as usize]
            }

            pub fn name(self) -> &'static str {
                NAMES[self as usize]
            }
        }

        static TEMPLATES: &[(&str, &str)] = &[$(($fr, $en)),*];
        static ARG_NAMES: &[&[&str]] = &[$(&[$($(stringify!($arg)),*)?]),*];
        static NAMES: &[&str] = &[$(stringify!($name)),*];

        /// One constructor per entry, its arguments in the order the entry names them.
        #[allow(non_snake_case, clippy::new_ret_no_self)]
        impl Msg {
            $(
                pub fn $name($($($arg: impl Into<Arg>),*)?) -> Msg {
                    Msg { id: M::$name, args: vec![$($($arg.into()),*)?] }
                }
            )*
        }
    };
}

catalogue! {
    // ---- Grading and answers -------------------------------------------------------------
    AnswerEmpty => "la réponse est vide", "the answer is empty";
    AnswerNotANumber => "ce n'est pas un nombre ; écrivez par exemple 4.3e9, 4,3e9 ou 4300000000", "this is not a number; write for example 4.3e9 or 4300000000";
    AnswerWrongKind => "ce type de réponse ne convient pas à cette question", "this kind of answer does not fit this question";
    AnswerNotHex => "la réponse doit être en hexadécimal (0-9, a-f)", "the answer must be hexadecimal (0-9, a-f)";
    AnswerHexLength(got, expected, digits) => "la réponse fait {got} ; attendu : {expected} ({digits} chiffres hexadécimaux)", "the answer is {got}; expected {expected} ({digits} hex digits)";
    AnswerNotInteger => "la réponse doit être un entier en décimal (ou en hexadécimal précédé de 0x)", "the answer must be a whole number in decimal (or in hex after 0x)";
    UnknownCheck(check) => "le contrôle « {check} » n'existe pas pour ce moteur", "check \"{check}\" does not exist for this engine";
    LabUnavailable => "le laboratoire de cet exercice n'a pas pu être préparé", "this exercise's lab could not be prepared";

    // ---- Tool inputs, shared by every engine and workbench tool ----------------------------
    UnknownTool(tool) => "outil inconnu : {tool}", "unknown tool: {tool}";
    FieldEmpty(field) => "« {field} » est vide", "\"{field}\" is empty";
    FieldNotHex(field) => "« {field} » doit être en hexadécimal, un nombre pair de chiffres 0-9 a-f", "\"{field}\" must be hexadecimal, an even number of digits 0-9 a-f";
    FieldNotNumber(field, min, max) => "« {field} » doit être un entier de {min} à {max}", "\"{field}\" must be a whole number from {min} to {max}";
    FieldNotOption(field, options) => "« {field} » doit valoir : {options}", "\"{field}\" must be one of: {options}";
    FieldSize(field, got, sizes) => "« {field} » fait {got} ; tailles possibles : {sizes} octets", "\"{field}\" is {got}; valid sizes: {sizes} bytes";
    BudgetExhausted => "Budget de requêtes épuisé : la passerelle ne répond plus. Un attaquant réel serait détecté ; relisez les indices ou abandonnez pour voir la solution.", "Query budget spent: the gateway no longer answers. A real attacker would have been noticed; read the hints again or give up to see the solution.";
    JobCancelled => "calcul arrêté", "computation stopped";
    WorkerFailed(reason) => "le worker a échoué : {reason}", "the worker failed: {reason}";

    // ---- Errors of the crypto wrappers ----------------------------------------------------
    CryptoKeyLength(found, expected) => "la clé fait {found} ; attendu : {expected}", "key is {found}; expected {expected}";
    CryptoIvLength(found) => "l'IV fait {found} ; attendu : 16 octets (32 chiffres hexadécimaux)", "IV is {found}; expected 16 bytes (32 hex digits)";
    CryptoNotWholeBlocks(found) => "l'entrée fait {found} ; ce mode sans bourrage demande un multiple de 16 octets", "input is {found}; this mode without padding needs a multiple of 16 bytes";
    CryptoOutputTooLong(requested, max) => "{requested} octets demandés ; HKDF-SHA256 en donne au plus {max}", "{requested} bytes requested; HKDF-SHA256 gives at most {max}";
    KeyAes128 => "16 octets (32 chiffres hexadécimaux) pour AES-128", "16 bytes (32 hex digits) for AES-128";
    KeyX25519Private => "32 octets (64 chiffres hexadécimaux) pour une clé privée X25519", "32 bytes (64 hex digits) for an X25519 private key";
    KeyX25519Public => "32 octets (64 chiffres hexadécimaux) pour une clé publique X25519", "32 bytes (64 hex digits) for an X25519 public key";
    KeyChaCha => "32 octets (64 chiffres hexadécimaux) pour ChaCha20-Poly1305", "32 bytes (64 hex digits) for ChaCha20-Poly1305";
    KeyEd25519Secret => "32 octets (64 chiffres hexadécimaux) pour une clé secrète Ed25519", "32 bytes (64 hex digits) for an Ed25519 secret key";
    KeyP256Private => "32 octets (64 chiffres hexadécimaux), un scalaire de 1 à n−1, pour une clé privée P-256", "32 bytes (64 hex digits), a scalar from 1 to n−1, for a P-256 private key";
    KeyEcdsaNonce => "32 octets (64 chiffres hexadécimaux) pour un nonce ECDSA", "32 bytes (64 hex digits) for an ECDSA nonce";

    // ---- Shared tools: XOR and HKDF --------------------------------------------------------
    XorTitle => "XOR", "XOR";
    XorHelp => "A ⊕ B, octet par octet (même longueur).", "A ⊕ B, byte by byte (same length).";
    XorA => "A (hex)", "A (hex)";
    XorB => "B (hex)", "B (hex)";
    XorButton => "Calculer", "Compute";
    XorLengths(a, b) => "A fait {a} et B {b} ; il faut la même longueur", "A is {a} and B is {b}; they must be the same length";
    XorHex => "A ⊕ B (hex)", "A ⊕ B (hex)";
    XorText => "A ⊕ B (texte)", "A ⊕ B (text)";
    HkdfTitle => "HKDF-SHA256", "HKDF-SHA256";
    HkdfHelp => "Extract puis Expand (RFC 5869). Longueur par défaut : 32 octets.", "Extract then Expand (RFC 5869). Default length: 32 bytes.";
    HkdfSalt => "Sel (hex)", "Salt (hex)";
    HkdfIkm => "Secret d'entrée (hex)", "Input keying material (hex)";
    HkdfInfo => "Info (texte UTF-8)", "Info (UTF-8 text)";
    HkdfLength => "Longueur (octets)", "Length (bytes)";
    HkdfButton => "Dériver", "Derive";
    HkdfPrk => "PRK (Extract)", "PRK (Extract)";
    HkdfOkm => "Clé dérivée (Expand)", "Derived key (Expand)";

    // ---- Engine aes-block ------------------------------------------------------------------
    AesBlockTitle => "Chiffreur AES-128 (ECB, CBC, CTR)", "AES-128 encryptor (ECB, CBC, CTR)";
    AesBlockTeaches => "Chiffre des blocs avec AES-128 dans le mode choisi ; en ECB, deux blocs clairs égaux donnent deux blocs chiffrés égaux.", "Encrypts blocks with AES-128 in the chosen mode; in ECB, two equal plaintext blocks give two equal ciphertext blocks.";
    AesBlockEncrypt => "Chiffrer avec AES-128", "Encrypt with AES-128";
    AesBlockEncryptHelp => "Le résultat est découpé en blocs de 16 octets. L'IV est ignoré en ECB.", "The result is split into 16-byte blocks. The IV is ignored in ECB.";
    AesBlockEncryptButton => "Chiffrer", "Encrypt";
    AesBlockMode => "Mode", "Mode";
    AesBlockKey => "Clé AES-128 (hex, 16 octets)", "AES-128 key (hex, 16 bytes)";
    AesBlockIv => "IV ou compteur initial (hex, 16 octets)", "IV or initial counter (hex, 16 bytes)";
    AesBlockPlaintext => "Clair (hex, multiple de 16 octets en ECB/CBC)", "Plaintext (hex, a multiple of 16 bytes in ECB/CBC)";
    AesBlockCiphertext => "Chiffré (hex, par blocs)", "Ciphertext (hex, by block)";

    // ---- Engine cbc-padding-oracle ---------------------------------------------------------
    PaddingOracleTitle => "Oracle de bourrage CBC", "CBC padding oracle";
    PaddingOracleTeaches => "Une passerelle déchiffre des trames AES-128-CBC et dit si le bourrage est valide : ce seul bit par requête suffit à déchiffrer la trame (Vaudenay, 2002). Encrypt-then-MAC ne laisse plus rien fuir.", "A gateway decrypts AES-128-CBC frames and says whether the padding is valid: that one bit per query is enough to decrypt the frame (Vaudenay, 2002). Encrypt-then-MAC leaks nothing.";
    PaddingOracleSend => "Envoyer une trame à la passerelle", "Send a frame to the gateway";
    PaddingOracleSendHelp => "La passerelle déchiffre IV‖chiffré et répond. Chaque envoi compte dans le budget de requêtes.", "The gateway decrypts IV‖ciphertext and answers. Every frame sent counts against the query budget.";
    PaddingOracleSendButton => "Envoyer", "Send";
    PaddingOracleScan => "Chercher l'octet suivant (jusqu'à 256 requêtes)", "Find the next byte (up to 256 queries)";
    PaddingOracleScanHelp => "Forge le bloc précédent pour que les octets connus se terminent en bourrage valide, puis essaie les 256 valeurs de l'octet d'avant. Octet intermédiaire = essai ⊕ bourrage ; octet clair = intermédiaire ⊕ octet du vrai bloc précédent (l'IV pour le bloc 1).", "Forges the previous block so that the known bytes end in valid padding, then tries the 256 values of the byte before them. Intermediate byte = guess ⊕ padding; plaintext byte = intermediate ⊕ the real previous block's byte (the IV for block 1).";
    PaddingOracleScanButton => "Chercher", "Search";
    PaddingOracleIv => "IV ou bloc précédent (hex, 16 octets)", "IV or previous block (hex, 16 bytes)";
    PaddingOracleCiphertext => "Bloc(s) chiffré(s) (hex, multiple de 16 octets)", "Ciphertext block(s) (hex, a multiple of 16 bytes)";
    PaddingOracleTag => "Étiquette HMAC (hex, si la passerelle en demande une)", "HMAC tag (hex, if the gateway asks for one)";
    PaddingOracleBlock => "Bloc visé (1 = premier bloc chiffré)", "Target block (1 = first ciphertext block)";
    PaddingOracleKnown => "État intermédiaire déjà trouvé, fin du bloc (hex, 0 à 15 octets)", "Intermediate state found so far, end of the block (hex, 0 to 15 bytes)";
    PaddingOracleBlockRange(blocks) => "le bloc visé doit être un entier de 1 à {blocks}", "the target block must be a whole number from 1 to {blocks}";
    PaddingOracleBlockFull => "le bloc est complet : 16 octets sont déjà connus", "the block is complete: 16 bytes are already known";
    PaddingOracleFrameSize(iv, ct) => "la trame doit avoir un IV de 16 octets et un chiffré multiple de 16 octets (ici {iv} et {ct})", "the frame needs a 16-byte IV and a ciphertext that is a multiple of 16 bytes (here {iv} and {ct})";
    PaddingOracleAnswer => "Réponse de la passerelle", "Gateway's answer";
    PaddingOracleAccepted => "200 : trame acceptée, bourrage valide", "200: frame accepted, valid padding";
    PaddingOracleBadPadding => "400 : bourrage invalide", "400: invalid padding";
    PaddingOracleBadMac => "401 : trame rejetée (authentification)", "401: frame rejected (authentication)";
    PaddingOracleNothing => "Aucune valeur n'a donné un bourrage valide : vérifiez l'état connu (ou la passerelle ne laisse rien fuir)", "No value gave a valid padding: check the known state (or the gateway leaks nothing)";
    PaddingOracleQueriesSpent => "Requêtes dépensées", "Queries spent";
    PaddingOraclePosition => "Position de l'octet trouvé (1 à 16)", "Position of the byte found (1 to 16)";
    PaddingOracleIntermediate => "Octet intermédiaire", "Intermediate byte";
    PaddingOracleState => "État intermédiaire connu (à recopier)", "Known intermediate state (copy it back)";
    PaddingOraclePlainByte => "Octet clair", "Plaintext byte";
    PaddingOraclePlainTail => "Clair de la fin du bloc", "Plaintext of the block's end";
    PaddingOracleReplay => "Rejouer l'attaque complète", "Replay the full attack";
    PaddingOracleReplayHelp => "Rejoue toute l'attaque par oracle de bourrage dans le worker, avec la progression ; la page reste réactive.", "Replays the whole padding-oracle attack in the worker, with progress; the page stays responsive.";
    PaddingOracleReplayButton => "Rejouer l'attaque", "Replay the attack";
    PaddingOracleRecovered => "Clair retrouvé", "Recovered plaintext";
    PaddingOracleReplayFailed => "L'attaque n'aboutit pas : la passerelle ne laisse rien fuir.", "The attack gets nowhere: the gateway leaks nothing.";
    PaddingOracleBytesRecovered(done, total, queries) => "{done}/{total} octets retrouvés · {queries} requêtes", "{done}/{total} bytes recovered · {queries} queries";

    // ---- Group A engines (cbc-bitflip, ctr-nonce-reuse, ecb-picture, length-extension, hmac-challenge, key-hierarchy, x25519) ----
    // (group A entries above this line)

    // ---- Group B engines (aead-frame, gcm-nonce-reuse, password-crack, manifest-signatures, ecdsa-nonce-reuse) ----
    // aead-frame
    AeadFrameTitle => "Trame AEAD et en-tête authentifié", "AEAD frame and authenticated header";
    AeadFrameTeaches => "Trame en-tête ‖ nonce ‖ AES-128-GCM ‖ étiquette, une passerelle qui authentifie l'en-tête, un attaquant qui le réécrit.", "A header ‖ nonce ‖ AES-128-GCM ‖ tag frame, a gateway that authenticates the header, an attacker who rewrites it.";
    AeadFrameAad => "Champs de l'en-tête dans les données associées", "Header fields in the associated data";
    AeadFrameCounter => "Compteur de trame", "Frame counter";
    AeadFrameType => "Type de mesure", "Measurement type";
    AeadFramePayload => "Charge utile (texte)", "Payload (text)";
    AeadFrameNonce => "Nonce (hex, 12 octets, jamais deux fois)", "Nonce (hex, 12 bytes, never twice)";
    AeadFrameFrame => "Trame (hex)", "Frame (hex)";
    AeadFrameField => "Champ à réécrire", "Field to rewrite";
    AeadFrameValue => "Nouvelle valeur (device : 8 chiffres hex ; counter : entier ; type : nom)", "New value (device: 8 hex digits; counter: whole number; type: name)";
    AeadFrameSeal => "Firmware : sceller une trame", "Firmware: seal a frame";
    AeadFrameSealHelp => "Construit en-tête ‖ nonce ‖ AES-128-GCM(charge utile) ‖ étiquette avec la clé de l'objet. Les champs choisis de l'en-tête entrent dans les données associées.", "Builds header ‖ nonce ‖ AES-128-GCM(payload) ‖ tag with the device key. The chosen header fields go into the associated data.";
    AeadFrameSealButton => "Sceller", "Seal";
    AeadFrameGateway => "Passerelle : recevoir une trame", "Gateway: receive a frame";
    AeadFrameGatewayHelp => "Vérifie l'objet, refuse un compteur déjà vu, puis ouvre l'AEAD avec les champs choisis comme données associées. La passerelle de production authentifie l'en-tête entier.", "Checks the device, refuses a counter already seen, then opens the AEAD with the chosen fields as associated data. The production gateway authenticates the whole header.";
    AeadFrameGatewayButton => "Envoyer", "Send";
    AeadFrameTamper => "Attaquant : réécrire l'en-tête", "Attacker: rewrite the header";
    AeadFrameTamperHelp => "Change un champ de l'en-tête en clair, sans toucher au chiffré ni à l'étiquette. Envoyez le résultat à la passerelle.", "Changes one clear header field, leaving the ciphertext and tag alone. Send the result to the gateway.";
    AeadFrameTamperButton => "Réécrire", "Rewrite";
    AeadFrameLayout => "Découpage : objet compteur | type | nonce | chiffré | étiquette", "Layout: device counter | type | nonce | ciphertext | tag";
    AeadFrameAadOut => "Données associées authentifiées (hex)", "Authenticated associated data (hex)";
    AeadFrameNoAad => "(aucune)", "(none)";
    AeadFrameVerdict => "Verdict", "Verdict";
    AeadFrameAccepted => "ACCEPTÉE", "ACCEPTED";
    AeadFrameHeaderSeen => "Objet, compteur, type", "Device, counter, type";
    AeadFramePayloadOut => "Charge utile", "Payload";
    AeadFrameRejected => "Verdict : REJETÉE", "Verdict: REJECTED";
    AeadFrameTooShort(size) => "trame trop courte ({size})", "frame too short ({size})";
    AeadFrameUnknownDevice => "objet inconnu de la flotte", "device unknown to the fleet";
    AeadFrameReplayed(counter, last) => "rejouée : compteur {counter} ≤ dernier accepté {last}", "replayed: counter {counter} ≤ last accepted {last}";
    AeadFrameBadTag => "l'étiquette ne correspond pas : en-tête authentifié, nonce ou chiffré modifié", "the tag does not match: authenticated header, nonce or ciphertext changed";
    AeadFrameRewritten => "Trame réécrite (hex)", "Rewritten frame (hex)";
    AeadFrameLayoutShort => "Découpage", "Layout";
    AeadFrameFrameLength(size, min) => "la trame fait {size} ; il en faut au moins {min} (en-tête 9, nonce 12, étiquette 16)", "the frame is {size}; at least {min} are needed (header 9, nonce 12, tag 16)";
    AeadFrameNotHex => "la trame doit être en hexadécimal (0-9, a-f)", "the frame must be hexadecimal (0-9, a-f)";
    AeadFrameNonceLength(size) => "le nonce fait {size} ; attendu : 12 (24 chiffres hex)", "the nonce is {size}; expected 12 (24 hex digits)";
    AeadFrameDeviceId => "l'identifiant d'objet fait 4 octets : 8 chiffres hexadécimaux", "a device id is 4 bytes: 8 hex digits";
    AeadFrameUnknownType(types) => "type inconnu ; valeurs possibles : {types}", "unknown type; valid values: {types}";
    // gcm-nonce-reuse
    GcmNonceReuseTitle => "Deux trames AES-GCM, un seul nonce", "Two AES-GCM frames, one nonce";
    GcmNonceReuseTeaches => "Deux trames AES-128-GCM scellées avec la même clé et le même nonce : C₁ ⊕ C₂ = P₁ ⊕ P₂, et le masque de l'étiquette s'annule dans T₁ ⊕ T₂.", "Two AES-128-GCM frames sealed with the same key and nonce: C₁ ⊕ C₂ = P₁ ⊕ P₂, and the tag mask cancels in T₁ ⊕ T₂.";
    GcmNonceReuseCrib => "Glisser un mot supposé (crib dragging)", "Slide a guessed word (crib dragging)";
    GcmNonceReuseCribHelp => "Calcule C₁ ⊕ C₂ = P₁ ⊕ P₂, puis le XOR avec votre mot à la position donnée : si le mot est dans une trame, le texte de l'autre trame apparaît à cet endroit.", "Computes C₁ ⊕ C₂ = P₁ ⊕ P₂, then XORs your word in at the given position: if the word is in one frame, the other frame's text shows there.";
    GcmNonceReuseCribButton => "Glisser", "Slide";
    GcmNonceReuseCribWord => "Mot supposé (texte)", "Guessed word (text)";
    GcmNonceReusePosition => "Position (octet, à partir de 0)", "Position (byte, from 0)";
    GcmNonceReuseCribEmpty => "écrivez un mot supposé, par exemple « alarm; »", "write a guessed word, for example \"alarm;\"";
    GcmNonceReusePositionRange(max, common) => "la position doit être un entier de 0 à {max} (le mot doit tenir dans les {common} octets communs)", "the position must be a whole number from 0 to {max} (the word must fit in the {common} common bytes)";
    GcmNonceReuseCribXor => "C₁ ⊕ C₂ (hex)", "C₁ ⊕ C₂ (hex)";
    GcmNonceReuseCribOther => "L'autre trame à cette position", "The other frame at this position";
    GcmNonceReuseCribOverview => "Vue d'ensemble", "Overview";
    GcmNonceReuseTags => "Les deux étiquettes", "The two tags";
    GcmNonceReuseTagsHelp => "T = GHASH_H(A, C) ⊕ E_K(J₀), et J₀ ne dépend que du nonce : avec un nonce répété, le masque s'annule dans T₁ ⊕ T₂.", "T = GHASH_H(A, C) ⊕ E_K(J₀), and J₀ depends only on the nonce: with a repeated nonce, the mask cancels in T₁ ⊕ T₂.";
    GcmNonceReuseTagsButton => "Comparer", "Compare the tags";
    GcmNonceReuseTagXor => "T₁ ⊕ T₂ (hex)", "T₁ ⊕ T₂ (hex)";
    GcmNonceReuseSameNonce => "Même nonce ?", "Same nonce?";
    GcmNonceReuseSameYes => "oui : T₁ ⊕ T₂ = GHASH_H(C₁) ⊕ GHASH_H(C₂), un polynôme en H seul", "yes: T₁ ⊕ T₂ = GHASH_H(C₁) ⊕ GHASH_H(C₂), a polynomial in H alone";
    GcmNonceReuseSameNo => "non : les masques diffèrent et ne s'annulent pas", "no: the masks differ and do not cancel";
    // password-crack
    PasswordCrackTitle => "Mot de passe par défaut dans un firmware", "Default password in a firmware image";
    PasswordCrackTeaches => "Une empreinte SHA-256 salée d'un mot de passe d'usine, à casser par dictionnaire ; un mot de passe aléatoire par objet n'est dans aucune liste.", "A salted SHA-256 of a factory password, to crack with a dictionary; a random password per device is in no list.";
    PasswordCrackCandidate => "Mot de passe candidat", "Candidate password";
    PasswordCrackWordlist => "Liste de mots (séparés par des virgules, espaces ou retours à la ligne)", "Word list (separated by commas, spaces or line breaks)";
    PasswordCrackTry => "Essayer un mot de passe", "Try one password";
    PasswordCrackTryHelp => "Calcule SHA-256(sel ‖ candidat) et le compare à l'empreinte volée.", "Computes SHA-256(salt ‖ candidate) and compares it with the stolen hash.";
    PasswordCrackTryButton => "Essayer", "Try";
    PasswordCrackDictionary => "Attaque par dictionnaire", "Dictionary attack";
    PasswordCrackDictionaryHelp => "Essaie chaque mot de la liste, dans l'ordre, hors ligne : aucun compteur de tentatives ne protège une empreinte volée. Au plus 5 000 mots par clic.", "Tries every word of the list in order, offline: no attempt counter protects a stolen hash. At most 5,000 words per click.";
    PasswordCrackDictionaryButton => "Lancer", "Run";
    PasswordCrackNoCandidate => "écrivez un mot de passe candidat", "write a candidate password";
    PasswordCrackDigest => "SHA-256(sel ‖ candidat)", "SHA-256(salt ‖ candidate)";
    PasswordCrackMatches => "Correspond à l'empreinte volée ?", "Matches the stolen hash?";
    PasswordCrackYes => "oui : c'est le mot de passe", "yes: this is the password";
    PasswordCrackNo => "non : pas ce mot de passe", "no: not this password";
    PasswordCrackEmptyList => "la liste de mots est vide", "the word list is empty";
    PasswordCrackTooMany(count, max) => "{count} mots : au plus {max} par clic ; coupez la liste", "{count} words: at most {max} per click; split the list";
    PasswordCrackHashesComputed => "Empreintes calculées", "Hashes computed";
    PasswordCrackFound => "Mot de passe trouvé", "Password found";
    PasswordCrackNoneFound => "aucun dans cette liste", "none in this list";
    // manifest-signatures
    ManifestSignaturesTitle => "Vérifier des manifestes de firmware signés", "Verify signed firmware manifests";
    ManifestSignaturesTeaches => "Six manifestes signés en Ed25519 ou ECDSA P-256, dont certains sont faux : on vérifie avec la clé épinglée du fabricant, jamais avec la clé qui voyage avec le manifeste.", "Six manifests signed with Ed25519 or ECDSA P-256, some of them false: verify against the vendor's pinned key, never against the key that travels with the manifest.";
    ManifestSignaturesAlgorithm => "Algorithme de signature", "Signature algorithm";
    ManifestSignaturesKey => "Clé publique (hex)", "Public key (hex)";
    ManifestSignaturesMessage => "Manifeste (texte exact)", "Manifest (exact text)";
    ManifestSignaturesSignature => "Signature (hex, 64 octets)", "Signature (hex, 64 bytes)";
    ManifestSignaturesVerify => "Vérifier une signature", "Verify a signature";
    ManifestSignaturesVerifyHelp => "Ed25519 (RFC 8032) ou ECDSA P-256 avec SHA-256. Clé Ed25519 : 32 octets ; clé P-256 : point SEC1 non compressé de 65 octets (04 ‖ x ‖ y). La signature couvre le texte exact du manifeste.", "Ed25519 (RFC 8032) or ECDSA P-256 with SHA-256. Ed25519 key: 32 bytes; P-256 key: 65-byte uncompressed SEC1 point (04 ‖ x ‖ y). The signature covers the manifest's exact text.";
    ManifestSignaturesVerifyButton => "Vérifier", "Verify";
    ManifestSignaturesVerdict => "Verdict", "Verdict";
    ManifestSignaturesValid => "VALIDE : la signature correspond", "VALID: the signature matches";
    ManifestSignaturesInvalid => "INVALIDE : la signature ne correspond pas", "INVALID: the signature does not match";
    ManifestSignaturesUnknownAlgorithm(algorithm, options) => "algorithme inconnu « {algorithm} » ; valeurs possibles : {options}", "unknown algorithm \"{algorithm}\"; valid values: {options}";
    ManifestSignaturesKeyLength(size, algorithm, expected) => "la clé fait {size} ; une clé {algorithm} en fait {expected}", "the key is {size}; an {algorithm} key is {expected}";
    ManifestSignaturesSignatureLength(size) => "la signature fait {size} ; attendu : 64", "the signature is {size}; expected 64";
    ManifestSignaturesNoNumber => "donnez les numéros des manifestes valides, par exemple « 1, 4 »", "give the numbers of the valid manifests, for example \"1, 4\"";
    // ecdsa-nonce-reuse
    EcdsaNonceReuseTitle => "ECDSA : un nonce répété livre la clé", "ECDSA: a repeated nonce gives the key away";
    EcdsaNonceReuseTeaches => "Deux signatures ECDSA P-256 d'un compteur avec le même nonce k : k puis la clé privée d se calculent modulo n ; des nonces déterministes (RFC 6979) l'empêchent.", "Two ECDSA P-256 signatures from a meter with the same nonce k: k and then the private key d follow modulo n; deterministic nonces (RFC 6979) prevent it.";
    EcdsaNonceReuseA => "a (hex)", "a (hex)";
    EcdsaNonceReuseB => "b (hex)", "b (hex)";
    EcdsaNonceReuseOp => "Opération (mod n)", "Operation (mod n)";
    EcdsaNonceReuseMessage => "Message (texte exact)", "Message (exact text)";
    EcdsaNonceReuseCandidate => "Clé privée candidate d (hex, 32 octets)", "Candidate private key d (hex, 32 bytes)";
    EcdsaNonceReuseHash => "z = SHA-256(message)", "z = SHA-256(message)";
    EcdsaNonceReuseHashHelp => "L'empreinte du message, lue comme un entier de 256 bits.", "The message digest, read as a 256-bit integer.";
    EcdsaNonceReuseHashButton => "Hacher", "Hash";
    EcdsaNonceReuseScalar => "Calculatrice modulo n", "Calculator modulo n";
    EcdsaNonceReuseScalarHelp => "Opérations sur les entiers modulo l'ordre n de P-256 ; « a/b » multiplie a par l'inverse de b.", "Operations on integers modulo the P-256 order n; \"a/b\" multiplies a by the inverse of b.";
    EcdsaNonceReuseScalarButton => "Calculer", "Compute";
    EcdsaNonceReusePublic => "Clé publique d'un candidat", "Public key of a candidate";
    EcdsaNonceReusePublicHelp => "Calcule d·G et le compare à la clé publique du compteur.", "Computes d·G and compares it with the meter's public key.";
    EcdsaNonceReusePublicButton => "Calculer d·G", "Compute d·G";
    EcdsaNonceReuseZ => "z (hex)", "z (hex)";
    EcdsaNonceReuseResult => "Résultat mod n (hex)", "Result mod n (hex)";
    EcdsaNonceReuseNoInverse => "b vaut 0 modulo n : pas d'inverse", "b is 0 modulo n: it has no inverse";
    EcdsaNonceReuseUnknownOp(op, options) => "opération inconnue « {op} » ; valeurs possibles : {options}", "unknown operation \"{op}\"; valid values: {options}";
    EcdsaNonceReusePoint => "d·G (SEC1, hex)", "d·G (SEC1, hex)";
    EcdsaNonceReuseIsMeterKey => "Est la clé du compteur ?", "Is the meter's key?";
    EcdsaNonceReuseYes => "oui : c'est la clé du compteur", "yes: it is the meter's key";
    EcdsaNonceReuseNo => "non : une autre clé", "no: another key";
    // (group B entries above this line)

    // ---- Group C engines (secure-boot, firmware-update, kex-mitm, fleet-keys) ----
    // (group C entries above this line)

    // ---- Workbench tools and RSA engines (rsa-textbook, rsa-hastad, rsa-common-modulus) ----
    // (workbench entries above this line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(template: &str) -> Vec<String> {
        let mut found: Vec<String> = template.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string())).collect();
        found.sort();
        found.dedup();
        found
    }

    #[test]
    fn every_entry_is_written_in_both_languages_with_the_same_placeholders() {
        for m in M::ALL {
            let (fr, en) = (m.text(Lang::Fr), m.text(Lang::En));
            assert!(!fr.trim().is_empty() && !en.trim().is_empty(), "{} is empty in one language", m.name());
            let mut declared: Vec<String> = m.arg_names().iter().map(|s| s.to_string()).collect();
            declared.sort();
            assert_eq!(placeholders(fr), declared, "{}: French placeholders differ from its arguments", m.name());
            assert_eq!(placeholders(en), declared, "{}: English placeholders differ from its arguments", m.name());
            // One language per value: a French text must not carry its English twin.
            if fr != en {
                assert!(!fr.contains(en) && !en.contains(fr), "{} shows both languages", m.name());
            }
        }
        assert!(M::ALL.len() > 50);
    }

    #[test]
    fn messages_render_their_arguments_in_the_learners_language() {
        let m = Msg::AnswerHexLength(Arg::bytes(1), Arg::bytes(16), 32usize);
        assert_eq!(m.render(Lang::En), "the answer is 1 byte; expected 16 bytes (32 hex digits)");
        assert_eq!(m.render(Lang::Fr), "la réponse fait 1 octet ; attendu : 16 octets (32 chiffres hexadécimaux)");
        let nested = Msg::FieldEmpty(M::HkdfSalt);
        assert_eq!(nested.render(Lang::Fr), "« Sel (hex) » est vide");
        assert_eq!(nested.render(Lang::En), "\"Salt (hex)\" is empty");
    }

    #[test]
    fn entries_cross_the_worker_as_numbers_and_come_back_whole() {
        let m = Msg::CryptoKeyLength(Arg::bytes(3), M::KeyAes128);
        let json = serde_json::to_string(&m).unwrap();
        assert!(json.starts_with(&format!("{{\"id\":{}", M::CryptoKeyLength as u16)), "{json}");
        assert_eq!(serde_json::from_str::<Msg>(&json).unwrap(), m);
        assert!(serde_json::from_str::<M>("65535").is_err());
    }
}
