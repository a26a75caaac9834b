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
        // Named in debug output natively (tests, the command line); in wasm a number, so that
        // the page does not carry a table of every entry's name.
        #[cfg_attr(not(target_arch = "wasm32"), derive(Debug))]
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u16)]
        pub enum M { $($name),* }

        #[cfg(target_arch = "wasm32")]
        impl std::fmt::Debug for M {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "M#{}", *self as u16)
            }
        }

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
    GridIncomplete(filled, total) => "remplissez chaque cellule de la grille : {filled} remplie(s) sur {total}", "fill every cell of the grid: {filled} of {total} filled";
    GridUnknownCell(cell) => "la cellule « {cell} » n'est pas dans cette grille", "cell \"{cell}\" is not in this grid";
    GridUnknownOption(option, cell) => "« {option} » (cellule {cell}) n'est pas une valeur proposée", "\"{option}\" (cell {cell}) is not one of the values offered";
    GridScore(right, total) => "{right} cellule(s) juste(s) sur {total}", "{right} of {total} cells right";
    LabUnavailable => "le laboratoire de cet exercice n'a pas pu être préparé", "this exercise's lab could not be prepared";

    // ---- Importing a progress export -------------------------------------------------------
    ImportNotJson(error) => "ce fichier n'est pas du JSON lisible ({error})", "this file is not readable JSON ({error})";
    ImportNotProgress => "ce fichier n'est pas un export de progression SecLab (il lui manque \"kind\": \"seclab-progress\")", "this file is not a SecLab progress export (it lacks \"kind\": \"seclab-progress\")";
    ImportFutureVersion(version, current) => "ce fichier a été écrit par une version plus récente de SecLab (format {version}, celle-ci lit jusqu'au format {current}) ; mettez SecLab à jour", "this file was written by a newer SecLab (format {version}; this one reads up to format {current}); update SecLab";
    ImportInvalid(error) => "le contenu du fichier est incohérent : {error}", "the file's content is inconsistent: {error}";
    ImportUnreadableFile(error) => "le fichier n'a pas pu être lu ({error})", "the file could not be read ({error})";
    ImportTooLarge => "le fichier dépasse 5 Mo ; ce n'est pas un export SecLab", "the file is larger than 5 MB; it is not a SecLab export";
    ImportOtherLearner => "cet export appartient à un autre apprenant (autre graine) ; importez-le dans un navigateur sans progression, ou exportez d'abord la vôtre", "this export belongs to another learner (another seed); import it in a browser with no progress, or export yours first";

    // ---- Tool inputs, shared by every engine and workbench tool ----------------------------
    UnknownTool(tool) => "outil inconnu : {tool}", "unknown tool: {tool}";
    FieldEmpty(field) => "« {field} » est vide", "\"{field}\" is empty";
    FieldNotHex(field) => "« {field} » doit être en hexadécimal, un nombre pair de chiffres 0-9 a-f", "\"{field}\" must be hexadecimal, an even number of digits 0-9 a-f";
    FieldNotNumber(field, min, max) => "« {field} » doit être un entier de {min} à {max}", "\"{field}\" must be a whole number from {min} to {max}";
    FieldNotOption(field, options) => "« {field} » doit valoir : {options}", "\"{field}\" must be one of: {options}";
    FieldSize(field, got, sizes) => "« {field} » fait {got} ; valeurs possibles : {sizes} octets", "\"{field}\" is {got}; valid sizes: {sizes} bytes";
    ListOr(list, last) => "{list} ou {last}", "{list} or {last}";
    UnknownField(field) => "champ inconnu : {field}", "unknown field: {field}";
    BudgetExhausted => "Budget de requêtes épuisé : la passerelle ne répond plus. Un attaquant réel serait détecté ; relisez les indices ou abandonnez pour voir la solution.", "Query budget spent: the gateway no longer answers. A real attacker would have been noticed; read the hints again or give up to see the solution.";
    JobCancelled => "calcul arrêté", "computation stopped";
    WorkerUnexpected => "le worker a répondu autre chose qu'un résultat ; rechargez la page", "the worker answered something other than a result; reload the page";
    LabParamsRefused(message, fix) => "paramètres du [lab] refusés (message de l'auteur, en anglais) : {message} ; {fix}", "[lab] parameters refused: {message}; {fix}";
    WorkerNoAnswer => "le worker du labo ne répond pas (il n'a pas pu se charger) ; rechargez la page", "the lab's worker does not answer (it could not load); reload the page";
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
    // cbc-bitflip
    CbcBitflipTitle => "Serrure commandée en AES-CBC", "AES-CBC controlled lock";
    CbcBitflipTeaches => "Une serrure exécute des commandes chiffrées en AES-128-CBC sans authentification : changer un bit de l'IV change le même bit du premier bloc déchiffré. La serrure corrigée vérifie d'abord un HMAC sur IV‖chiffré et refuse la commande forgée.", "A lock runs AES-128-CBC encrypted commands without authentication: flipping a bit of the IV flips the same bit of the first decrypted block. The fixed lock checks an HMAC over IV‖ciphertext first and refuses the forged command.";
    CbcBitflipSend => "Envoyer une commande à la serrure", "Send a command to the lock";
    CbcBitflipSendHelp => "La serrure déchiffre IV‖chiffré et exécute le premier bloc.", "The lock decrypts IV‖ciphertext and runs the first block.";
    CbcBitflipSendButton => "Envoyer", "Send";
    CbcBitflipIv => "IV (hex, 16 octets)", "IV (hex, 16 bytes)";
    CbcBitflipCiphertext => "Chiffré (hex)", "Ciphertext (hex)";
    CbcBitflipTag => "Étiquette HMAC (hex, si la serrure en demande une)", "HMAC tag (hex, if the lock asks for one)";
    CbcBitflipExecuted => "La serrure a exécuté", "The lock executed";
    CbcBitflipUnreadable => "La serrure n'a pas compris la commande", "The lock did not understand the command";
    CbcBitflipRejected => "Commande rejetée (authentification)", "Command rejected (authentication)";

    // ctr-nonce-reuse (the crib tool is shared with gcm-nonce-reuse)
    CtrNonceReuseTitle => "Deux trames CTR, un seul nonce", "Two CTR frames, one nonce";
    CtrNonceReuseTeaches => "Deux trames AES-128-CTR chiffrées avec la même clé et le même nonce : C₁ ⊕ C₂ = P₁ ⊕ P₂, donc connaître (ou deviner) une trame donne l'autre, sans la clé. Avec un nonce neuf par trame, le même calcul ne donne que du bruit.", "Two AES-128-CTR frames encrypted with the same key and nonce: C₁ ⊕ C₂ = P₁ ⊕ P₂, so knowing (or guessing) one frame gives the other, without the key. With a fresh nonce per frame, the same computation gives only noise.";
    CtrNonceReuseCrib => "Glisser un mot supposé (crib dragging)", "Slide a guessed word (crib dragging)";
    CtrNonceReuseCribHelp => "Calcule C₁ ⊕ C₂ = P₁ ⊕ P₂, puis le XOR avec votre mot à la position donnée : si le mot est dans une trame, le texte de l'autre trame apparaît à cet endroit.", "Computes C₁ ⊕ C₂ = P₁ ⊕ P₂, then XORs your word in at the given position: if the word is in one frame, the other frame's text shows there.";
    CtrNonceReuseCribButton => "Glisser", "Slide";
    CtrNonceReuseCribWord => "Mot supposé (texte)", "Guessed word (text)";
    CtrNonceReusePosition => "Position (octet, à partir de 0)", "Position (byte, from 0)";
    CtrNonceReuseCribEmpty => "écrivez un mot supposé, par exemple « alarm; »", "write a guessed word, for example \"alarm;\"";
    CtrNonceReusePositionRange(max, common) => "la position doit être un entier de 0 à {max} (le mot doit tenir dans les {common} octets communs)", "the position must be a whole number from 0 to {max} (the word must fit in the {common} common bytes)";
    CtrNonceReuseXor => "C₁ ⊕ C₂ (hex)", "C₁ ⊕ C₂ (hex)";
    CtrNonceReuseOther => "L'autre trame à cette position", "The other frame at this position";
    CtrNonceReuseOverview => "Vue d'ensemble", "Overview";

    // ecb-picture
    EcbPictureTitle => "Une image chiffrée en ECB et en CBC", "A picture encrypted in ECB and in CBC";
    EcbPictureTeaches => "Affiche une icône, puis la même icône chiffrée en AES-128-ECB et en AES-128-CBC avec la clé de l'apprenant. Sans paramètre ni contrôle : à utiliser avec des questions à choix.", "Shows an icon, then the same icon encrypted with AES-128-ECB and AES-128-CBC under the learner's key. No parameter and no check: use it with choice questions.";
    EcbPictureClear => "Icône en clair", "Icon in clear";
    EcbPictureEcb => "Chiffrée en AES-128-ECB", "Encrypted with AES-128-ECB";
    EcbPictureCbc => "Chiffrée en AES-128-CBC", "Encrypted with AES-128-CBC";
    EcbPictureClearAlt => "Un cadenas bleu sur fond clair, avec une bande rouge en bas.", "A blue padlock on a light background, with a red stripe at the bottom.";
    EcbPictureEncryptedAlt => "Les octets de l'icône chiffrés avec votre clé, affichés comme des pixels.", "The icon's bytes encrypted with your key, shown as pixels.";

    // sha256-length-extension
    LengthExtensionTitle => "Jeton SHA-256(clé ‖ message)", "SHA-256(key ‖ message) token";
    LengthExtensionTeaches => "Une API vérifie des jetons SHA-256(clé ‖ message). Le condensat est tout l'état interne de SHA-256 : on reprend le hachage à partir d'un jeton et on ajoute « &admin=1 » sans connaître la clé. Avec HMAC-SHA-256, le correctif, la falsification échoue.", "An API checks SHA-256(key ‖ message) tokens. The digest is SHA-256's whole internal state: hashing resumes from a token and appends \"&admin=1\" without the key. With HMAC-SHA-256, the fix, the forgery fails.";
    LengthExtensionPadding => "Bourrage SHA-256 (la « colle »)", "SHA-256 padding (the \"glue\")";
    LengthExtensionPaddingHelp => "0x80, des zéros, puis la longueur en bits sur 8 octets : ce que SHA-256 ajoute à un message de cette longueur.", "0x80, zeros, then the length in bits on 8 bytes: what SHA-256 appends to a message of this length.";
    LengthExtensionPaddingButton => "Calculer le bourrage", "Compute the padding";
    LengthExtensionLength => "Longueur du message haché (octets)", "Length of the hashed message (bytes)";
    LengthExtensionPaddingHex => "Bourrage (hex)", "Padding (hex)";
    LengthExtensionExtend => "SHA-256 à état réglable", "SHA-256 with a settable state";
    LengthExtensionExtendHelp => "Reprend SHA-256 à partir d'un condensat (ses 8 mots de 32 bits sont tout l'état interne) et hache la suite.", "Resumes SHA-256 from a digest (its eight 32-bit words are the whole internal state) and hashes what follows.";
    LengthExtensionExtendButton => "Continuer le hachage", "Continue hashing";
    LengthExtensionState => "État de départ = un jeton (hex, 32 octets)", "Starting state = a token (hex, 32 bytes)";
    LengthExtensionProcessed => "Octets déjà hachés, bourrage compris (multiple de 64)", "Bytes already hashed, padding included (a multiple of 64)";
    LengthExtensionSuffix => "Texte à ajouter", "Text to append";
    LengthExtensionDigest => "Nouveau condensat (hex)", "New digest (hex)";
    LengthExtensionSend => "Envoyer une requête à l'API", "Send a request to the API";
    LengthExtensionSendHelp => "L'API recalcule le jeton du message avec sa clé et compare.", "The API recomputes the message's token with its key and compares.";
    LengthExtensionSendButton => "Envoyer", "Send";
    LengthExtensionMessage => "Message (hex)", "Message (hex)";
    LengthExtensionToken => "Jeton (hex, 32 octets)", "Token (hex, 32 bytes)";
    LengthExtensionRejected => "Réponse de l'API : jeton invalide, requête rejetée", "API answer: invalid token, request rejected";
    LengthExtensionAccepted => "Réponse de l'API : requête acceptée", "API answer: request accepted";
    LengthExtensionAdmin => "Réponse de l'API : requête acceptée AVEC les droits administrateur", "API answer: request accepted WITH administrator rights";
    LengthExtensionNotNumber(field) => "« {field} » doit être un entier positif", "\"{field}\" must be a positive whole number";
    LengthExtensionStateSize => "l'état fait 32 octets (64 chiffres hexadécimaux)", "the state is 32 bytes (64 hex digits)";
    LengthExtensionNotBlock(processed) => "{processed} n'est pas un multiple de 64 : SHA-256 s'arrête toujours sur un bloc entier, bourrage compris", "{processed} is not a multiple of 64: SHA-256 always stops on a whole block, padding included";

    // hmac-challenge
    HmacChallengeTitle => "Défi-réponse HMAC-SHA-256", "HMAC-SHA-256 challenge-response";
    HmacChallengeTeaches => "L'apprenant est le capteur : avec sa clé provisionnée et le défi de la passerelle, il calcule HMAC-SHA-256(clé, défi) (RFC 2104), comme le ferait le firmware.", "The learner is the sensor: from its provisioned key and the gateway's challenge, it computes HMAC-SHA-256(key, challenge) (RFC 2104), as the firmware would.";
    HmacChallengeTool => "HMAC-SHA-256", "HMAC-SHA-256";
    HmacChallengeToolHelp => "HMAC(K, m) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)), RFC 2104.", "HMAC(K, m) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)), RFC 2104.";
    HmacChallengeButton => "Calculer", "Compute";
    HmacChallengeKey => "Clé (hex)", "Key (hex)";
    HmacChallengeData => "Données (hex)", "Data (hex)";
    HmacChallengeResponse => "Réponse HMAC (hex)", "HMAC response (hex)";

    // key-hierarchy
    KeyHierarchyTitle => "Clés par objet dérivées d'une clé maîtresse", "Per-device keys derived from a master key";
    KeyHierarchyTeaches => "Dérivation HKDF-SHA256 (RFC 5869) d'une clé par objet à partir d'une clé maîtresse : le serveur recalcule la clé de n'importe quel objet ; un objet ne détient que la sienne, et sa fuite ne révèle ni la clé maîtresse ni celles des autres.", "HKDF-SHA256 (RFC 5869) derivation of one key per device from a master key: the server can recompute any device's key; a device holds only its own, and leaking it reveals neither the master key nor its siblings'.";

    // x25519
    X25519Title => "Échange X25519 et clé de session HKDF", "X25519 exchange and HKDF session key";
    X25519Teaches => "L'apprenant est Alice : avec sa clé privée et la clé publique de Bob, il calcule sa clé publique, le secret partagé X25519 (RFC 7748) et une clé de session HKDF-SHA256 (RFC 5869), comme un capteur et sa passerelle.", "The learner is Alice: from their private key and Bob's public key, they compute their public key, the X25519 shared secret (RFC 7748) and a session key with HKDF-SHA256 (RFC 5869), as a sensor and its gateway would.";
    X25519PublicKeyTool => "Clé publique X25519", "X25519 public key";
    X25519PublicKeyHelp => "Multiplie le point de base (u = 9) par la clé privée.", "Multiplies the base point (u = 9) by the private key.";
    X25519PublicKeyButton => "Calculer la clé publique", "Compute the public key";
    X25519SharedTool => "Secret partagé X25519", "X25519 shared secret";
    X25519SharedHelp => "X25519(ma clé privée, sa clé publique), RFC 7748.", "X25519(my private key, their public key), RFC 7748.";
    X25519SharedButton => "Calculer le secret partagé", "Compute the shared secret";
    X25519Private => "Clé privée (hex, 32 octets)", "Private key (hex, 32 bytes)";
    X25519PeerPublic => "Clé publique de l'autre partie (hex, 32 octets)", "Other party's public key (hex, 32 bytes)";
    X25519PublicKey => "Clé publique", "Public key";
    X25519SharedSecret => "Secret partagé", "Shared secret";
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
    // engine secure-boot
    SecureBootTitle => "Chaîne de démarrage sécurisé", "Secure-boot chain";
    SecureBootTeaches => "ROM → bootloader → kernel → application : chaque étape signée Ed25519 par le fabricant, chacune enregistrant le SHA-256 de la suivante ; une étape altérée par instance.", "ROM → bootloader → kernel → application: each stage Ed25519-signed by the vendor, each recording the SHA-256 of the next; one stage tampered per instance.";
    SecureBootChain => "Afficher la chaîne", "Show the chain";
    SecureBootChainHelp => "Le contenu de la flash : la clé gravée en ROM, puis chaque étape avec son image, la clé que son en-tête désigne comme signataire, et sa signature.", "The flash contents: the key burned in ROM, then each stage with its image, the key its header names as signer, and its signature.";
    SecureBootChainButton => "Afficher", "Show";
    SecureBootVerify => "Vérifier une étape", "Verify a stage";
    SecureBootVerifyHelp => "Ce que fait l'étape précédente avant de lui passer la main : hacher l'image, comparer au hachage enregistré, puis vérifier la signature avec la clé de la ROM.", "What the previous stage does before handing over: hash the image, compare with the recorded hash, then check the signature with the ROM key.";
    SecureBootVerifyButton => "Vérifier", "Verify";
    SecureBootStage => "Étape à vérifier", "Stage to verify";
    SecureBootRomKey => "ROM : clé publique du fabricant (gravée)", "ROM: vendor public key (burned)";
    SecureBootStageName(name) => "{name}", "{name}";
    SecureBootHash => "1. SHA-256(image)", "1. SHA-256(image)";
    SecureBootRecorded => "2. Hachage enregistré par l'étape précédente", "2. Hash recorded by the previous stage";
    SecureBootNoRecordedHash => "aucun : la ROM ne garde que la clé", "none: the ROM holds only the key";
    SecureBootSame => "   Identique ?", "   Same?";
    SecureBootNothingToCompare => "— (rien à comparer)", "— (no hash to compare)";
    SecureBootSignerIsRom => "3. Signataire désigné par l'en-tête = clé de la ROM ?", "3. Signer named by the header = ROM key?";
    SecureBootSignatureValid => "4. Signature Ed25519 valide sous la clé de la ROM ?", "4. Ed25519 signature valid under the ROM key?";
    SecureBootVerdict => "Verdict", "Verdict";
    SecureBootYes => "✓ oui", "✓ yes";
    SecureBootNo => "✗ non", "✗ no";
    SecureBootWithFingerprint(answer, fingerprint) => "{answer} ({fingerprint})", "{answer} ({fingerprint})";
    SecureBootVerified(stage) => "✓ {stage} vérifiée", "✓ {stage} verified";
    SecureBootRefused(stage) => "✗ {stage} refusée, le démarrage s'arrête", "✗ {stage} refused, boot stops";
    // engine firmware-update
    FirmwareUpdateTitle => "Mise à jour signée et retour en arrière", "Signed update and rollback";
    FirmwareUpdateTeaches => "Paquets de mise à jour signés Ed25519 (classe, version, SHA-256 de l'image, compteur), un objet sans compteur et un objet à compteur monotone, un service de signature du fabricant : un vieux paquet valide rejoué fait revenir à la version vulnérable, sauf si un compteur anti-retour l'interdit.", "Ed25519-signed update packages (class, version, image SHA-256, counter), a device without a counter and one with a monotonic counter, a vendor signing service: a replayed old valid package brings back the vulnerable version, unless an anti-rollback counter forbids it.";
    FirmwareUpdateLegacy => "Objet A : sans compteur (en 1.3)", "Device A: no counter (on 1.3)";
    FirmwareUpdateLegacyHelp => "Vérifie la signature du fabricant, la classe, et que l'image téléchargée a le SHA-256 du manifeste. Ne garde aucun compteur.", "Checks the vendor signature, the class, and that the downloaded image has the manifest's SHA-256. Keeps no counter.";
    FirmwareUpdateInstall => "Installer", "Install the packages";
    FirmwareUpdateSign => "Service de signature du fabricant", "Vendor signing service";
    FirmwareUpdateSignHelp => "Éditeur de manifeste : le service signe avec la clé du fabricant (gardée dans son HSM) seulement une image approuvée, de la bonne version, pour cette classe d'objet. La 1.2 est retirée.", "Manifest editor: the service signs with the vendor key (kept in its HSM) only an approved image, with its right version, for this device class. 1.2 is withdrawn.";
    FirmwareUpdateSignButton => "Signer", "Sign the manifest";
    FirmwareUpdateDevice => "Objet B : compteur anti-retour (en 1.2)", "Device B: anti-rollback counter (on 1.2)";
    FirmwareUpdateDeviceHelp => "Mêmes vérifications, plus un compteur monotone : refuse un compteur inférieur au compteur stocké, et stocke celui du paquet installé.", "The same checks, plus a monotonic counter: refuses a counter below the stored one, and stores the installed package's.";
    FirmwareUpdateVersion => "Version", "Version";
    FirmwareUpdateImage => "SHA-256 de l'image (hex)", "Image SHA-256 (hex)";
    FirmwareUpdateCounter => "Compteur anti-retour", "Anti-rollback counter";
    FirmwareUpdateClass => "Classe d'objet", "Device class";
    FirmwareUpdatePackages => "Paquets (hex), installés dans l'ordre, séparés par des espaces", "Packages (hex), installed in order, separated by spaces";
    FirmwareUpdateBefore => "Avant : version, compteur", "Before: version, counter";
    FirmwareUpdateAfter => "Après : version, compteur", "After: version, counter";
    FirmwareUpdatePackage => "Paquet", "Package";
    FirmwareUpdateState(version, counter) => "{version} · {counter}", "{version} · {counter}";
    FirmwareUpdateStateVulnerable(version, counter) => "{version} (vulnérable) · {counter}", "{version} (vulnerable) · {counter}";
    FirmwareUpdateNoCounter => "aucun", "none";
    FirmwareUpdateAccepted(n, version, counter) => "{n}. ACCEPTÉ : {version} (compteur {counter})", "{n}. ACCEPTED: {version} (counter {counter})";
    FirmwareUpdateAcceptedDowngrade(n, version, counter) => "{n}. ACCEPTÉ : {version} (compteur {counter}) — RETOUR à la 1.2 vulnérable", "{n}. ACCEPTED: {version} (counter {counter}) — DOWNGRADE to the vulnerable 1.2";
    FirmwareUpdateRefused(n, reason) => "{n}. REFUSÉ : {reason}", "{n}. REFUSED: {reason}";
    FirmwareUpdateMalformed => "manifeste illisible (en-tête ou champ class, version, image-sha256 manquant)", "unreadable manifest (header or class, version, image-sha256 field missing)";
    FirmwareUpdateBadSignature => "signature invalide sous la clé du fabricant", "signature not valid under the vendor key";
    FirmwareUpdateWrongClass(class) => "classe « {class} » : ce n'est pas cet objet", "class \"{class}\": not this device";
    FirmwareUpdateUnknownImage => "aucune image de ce SHA-256 sur le serveur de mise à jour", "no image with this SHA-256 on the update server";
    FirmwareUpdateVersionMismatch(manifest, image) => "le manifeste dit {manifest}, l'image est la {image}", "the manifest says {manifest}, the image is {image}";
    FirmwareUpdateNoCounterField => "pas de champ counter : cet objet l'exige", "no counter field: this device requires one";
    FirmwareUpdateRollback(counter, stored) => "retour en arrière : compteur {counter} < compteur stocké {stored}", "rollback: counter {counter} < stored counter {stored}";
    FirmwareUpdatePackagesEmpty(field) => "« {field} » est vide : collez au moins un paquet", "\"{field}\" is empty: paste at least one package";
    FirmwareUpdateTooManyPackages => "au plus 8 paquets par essai", "at most 8 packages per run";
    FirmwareUpdateNotAPackage(n) => "le paquet {n} n'est pas un paquet : il faut de l'hexadécimal, manifeste puis signature de 64 octets", "package {n} is not a package: expected hex, a manifest then a 64-byte signature";
    FirmwareUpdateClassOnly(field, class) => "« {field} » : le service ne signe que pour {class}", "\"{field}\": the service signs only for {class}";
    FirmwareUpdateWithdrawn(field) => "« {field} » : la 1.2 est retirée (vulnérabilité connue) ; le service refuse de la signer", "\"{field}\": 1.2 is withdrawn (known vulnerability); the service refuses to sign it";
    FirmwareUpdateNotApproved(field, fixed, approved) => "« {field} » : image non approuvée ; la seule approuvée est la {fixed}, {approved}", "\"{field}\": image not approved; the only approved one is {fixed}, {approved}";
    FirmwareUpdateVersionIs(field, version, fixed) => "« {field} » vaut « {version} » ; cette image est la {fixed}", "\"{field}\" is \"{version}\"; this image is {fixed}";
    FirmwareUpdateSignedManifest => "Manifeste signé", "Signed manifest";
    FirmwareUpdatePackageHex => "Paquet (hex) : manifeste ‖ signature", "Package (hex): manifest ‖ signature";
    FirmwareUpdateOnePackage => "collez un seul paquet en hexadécimal : le manifeste suivi de sa signature de 64 octets", "paste one package in hexadecimal: the manifest followed by its 64-byte signature";
    // engine kex-mitm
    KexMitmTitle => "Homme du milieu sur un échange X25519", "Man in the middle on an X25519 exchange";
    KexMitmTeaches => "Alice (capteur), Bob (passerelle) et Mallory (attaquante) : échange X25519, clé HKDF-SHA256, relevé scellé par ChaCha20-Poly1305 ; Mallory transmet, remplace ou supprime chaque message. Avec des clés éphémères signées Ed25519 et des clés d'identité épinglées, une clé substituée est détectée.", "Alice (sensor), Bob (gateway) and Mallory (attacker): X25519 exchange, HKDF-SHA256 key, reading sealed with ChaCha20-Poly1305; Mallory forwards, replaces or drops each message. With ephemeral keys signed with Ed25519 and pinned identity keys, a substituted key is detected.";
    // engine fleet-keys
    FleetKeysTitle => "Rayon d'impact : une flotte sous trois schémas de clés", "Blast radius: a fleet under three key schemes";
    FleetKeysTeaches => "Une flotte de 24 à 48 objets ; compromettre un objet ou le serveur sous une clé globale, des clés dérivées (HKDF) ou des paires Ed25519, et compter les objets exposés.", "A fleet of 24 to 48 devices; compromise one device or the server under a global key, derived keys (HKDF) or Ed25519 key pairs, and count the exposed devices.";
    FleetKeysCompromise => "Compromettre un objet", "Compromise a device";
    FleetKeysCompromiseHelp => "L'attaquant ouvre l'objet et lit sa mémoire. Avec ce qu'il y trouve, il essaie de déchiffrer la trame enregistrée de chaque objet de la flotte et de forger une trame au nom de chacun.", "The attacker opens the device and reads its memory. With what it finds, it tries to decrypt every device's recorded frame and to forge a frame in each device's name.";
    FleetKeysCompromiseButton => "Compromettre", "Compromise";
    FleetKeysServerBreach => "Compromettre le serveur", "Breach the server";
    FleetKeysServerBreachHelp => "L'attaquant vole la base de clés du serveur, puis mène les mêmes essais sur toute la flotte.", "The attacker steals the server's key store, then makes the same attempts on the whole fleet.";
    FleetKeysServerBreachButton => "Compromettre", "Breach";
    FleetKeysScheme => "Schéma de clés", "Key scheme";
    FleetKeysDevice => "Objet à compromettre", "Device to compromise";
    FleetKeysBreach => "Ce que l'attaquant compromet", "What the attacker compromises";
    FleetKeysNotInFleet(field, device, first, last) => "« {field} » : « {device} » n'est pas dans la flotte ; écrivez un nom de {first} à {last}", "\"{field}\": \"{device}\" is not in the fleet; write a name from {first} to {last}";
    FleetKeysAttackerGets => "L'attaquant obtient", "The attacker gets";
    FleetKeysRead => "Trames enregistrées déchiffrées", "Recorded frames decrypted";
    FleetKeysForged => "Objets usurpés (trame forgée acceptée par le serveur)", "Devices impersonated (forged frame accepted by the server)";
    FleetKeysExposed => "Objets exposés (lus ou usurpés)", "Devices exposed (read or impersonated)";
    FleetKeysLootGlobalDevice(key) => "la clé globale {key} dans la flash de l'objet", "the global key {key} in the device's flash";
    FleetKeysLootGlobalServer(key) => "la clé globale {key} dans la base du serveur", "the global key {key} in the server's database";
    FleetKeysLootDerived(device, key) => "la clé dérivée de {device} : {key}", "{device}'s derived key: {key}";
    FleetKeysLootMaster(key) => "la clé maîtresse {key} et le sel : toute clé d'objet se recalcule", "the master key {key} and the salt: every device key can be recomputed";
    FleetKeysLootSigning(device) => "la clé privée Ed25519 de {device} et sa clé de session en cours", "{device}'s Ed25519 private key and its current session key";
    FleetKeysLootPublicKeys(count) => "{count} clés publiques Ed25519, aucune clé privée ; les clés de session sont effacées après usage", "{count} Ed25519 public keys, no private key; session keys are erased after use";
    FleetKeysWholeNumber => "écrivez un nombre entier d'objets, par exemple 12", "write a whole number of devices, for example 12";
    // (group C entries above this line)

    // ---- Workbench tools and RSA engines (rsa-textbook, rsa-hastad, rsa-common-modulus) ----
    WbRun => "Lancer", "Run";
    WbCatEncoding => "Conversions", "Conversions";
    WbCatCipher => "Chiffrement par bloc", "Block ciphers";
    WbCatAead => "Chiffrement authentifié (AEAD)", "Authenticated encryption (AEAD)";
    WbCatHash => "Hachage", "Hashing";
    WbCatMac => "Codes d'authentification (MAC)", "Message authentication codes (MAC)";
    WbCatKdf => "Dérivation de clés et mots de passe", "Key and password derivation";
    WbCatKeyExchange => "Échange de clés", "Key exchange";
    WbCatPublicKey => "Clé publique (RSA, signatures)", "Public key (RSA, signatures)";
    WbOperation => "Opération", "Operation";
    WbHashAlgorithm => "Algorithme", "Hash algorithm";
    WbDataEncoding => "Les données sont en", "Data is written as";
    WbMessageEncoding => "Le message est en", "Message is written as";
    WbPlaintextUtf8 => "Clair (UTF-8)", "Plaintext (UTF-8)";
    WbCiphertextHex => "Chiffré (hex)", "Ciphertext (hex)";
    WbConvertTitle => "Conversion UTF-8 / hex / base64", "UTF-8 / hex / base64 conversion";
    WbConvertHelp => "Change la représentation des mêmes octets.", "Changes how the same bytes are written.";
    WbConvertFrom => "De", "From";
    WbConvertTo => "Vers", "To";
    WbConvertInput => "Entrée", "Input";
    WbConvertResult => "Résultat", "Result";
    WbConvertLength => "Longueur", "Length";
    WbConvertByteCount(count) => "{count}", "{count}";
    WbConvertNotBase64(reason) => "ce n'est pas du base64 valide ({reason})", "this is not valid base64 ({reason})";
    WbConvertNotUtf8 => "ces octets ne forment pas un texte UTF-8 valide ; choisissez hex ou base64", "these bytes are not valid UTF-8 text; choose hex or base64";
    WbAesTitle => "AES (ECB, CBC, CTR)", "AES (ECB, CBC, CTR)";
    WbAesHelp => "AES-128, 192 ou 256 selon la longueur de la clé. Bourrage PKCS#7 facultatif en ECB et CBC ; CTR n'en a pas besoin.", "AES-128, 192 or 256 by key length. Optional PKCS#7 padding in ECB and CBC; CTR needs none.";
    WbAesMode => "Mode", "Mode";
    WbAesPadding => "Bourrage", "Padding";
    WbAesKey => "Clé (hex : 16, 24 ou 32 octets)", "Key (hex: 16, 24 or 32 bytes)";
    WbAesIv => "IV ou compteur initial (hex, 16 octets ; ignoré en ECB)", "IV or initial counter (hex, 16 bytes; ignored in ECB)";
    WbAesData => "Données (hex)", "Data (hex)";
    WbAesUnpaddedSize(size) => "les données font {size} octets : sans bourrage, ECB et CBC demandent un multiple de 16 octets ; choisissez le bourrage pkcs7", "the data is {size} bytes: without padding, ECB and CBC need a multiple of 16 bytes; choose pkcs7 padding";
    WbAesNotBlocks(size) => "le chiffré fait {size} octets ; ECB et CBC déchiffrent des blocs entiers de 16 octets", "the ciphertext is {size} bytes; ECB and CBC decrypt whole 16-byte blocks";
    WbAesBadPadding => "bourrage PKCS#7 invalide : mauvaise clé, mauvais IV, chiffré modifié, ou données sans bourrage (choisissez « none »)", "invalid PKCS#7 padding: wrong key, wrong IV, tampered ciphertext, or unpadded data (choose \"none\")";
    WbAesCiphertext => "Chiffré (hex, par blocs)", "Ciphertext (hex, by block)";
    WbAesPlaintext => "Clair (hex, par blocs)", "Plaintext (hex, by block)";
    WbGcmTitle => "AES-GCM", "AES-GCM";
    WbGcmHelp => "Chiffre et authentifie ; les données associées (AAD) sont authentifiées sans être chiffrées. En déchiffrement, donnez le chiffré suivi de l'étiquette.", "Encrypts and authenticates; associated data (AAD) is authenticated, not encrypted. To decrypt, give the ciphertext followed by the tag.";
    WbChachaTitle => "ChaCha20-Poly1305", "ChaCha20-Poly1305";
    WbChachaHelp => "L'AEAD de RFC 8439, rapide sans accélération AES. En déchiffrement, donnez le chiffré suivi de l'étiquette.", "The AEAD of RFC 8439, fast without AES hardware. To decrypt, give the ciphertext followed by the tag.";
    WbAeadKey32 => "Clé (hex, 32 octets)", "Key (hex, 32 bytes)";
    WbAeadNonce => "Nonce (hex, 12 octets)", "Nonce (hex, 12 bytes)";
    WbAeadAad => "Données associées (hex, peut être vide)", "Associated data (hex, may be empty)";
    WbAeadData => "Clair, ou chiffré‖étiquette (hex)", "Plaintext, or ciphertext‖tag (hex)";
    WbAeadNoTag(size) => "il faut au moins les 16 octets de l'étiquette ; « données » en fait {size}", "at least the 16-byte tag is needed; \"data\" is {size} bytes";
    WbAeadTooLong => "le message est trop long pour cet AEAD", "the message is too long for this AEAD";
    WbAeadRejected => "rejeté : l'étiquette ne correspond pas. Le chiffré, les données associées, le nonce ou la clé ont changé ; aucun clair n'est rendu.", "rejected: the tag does not match. The ciphertext, associated data, nonce or key changed; no plaintext is released.";
    WbAeadTag => "Étiquette (hex)", "Tag (hex)";
    WbAeadSealed => "Chiffré‖étiquette", "Ciphertext‖tag";
    WbAeadAuthentic => "Authentique. Clair (hex)", "Authentic. Plaintext (hex)";
    WbHashTitle => "SHA-256 / SHA-512", "SHA-256 / SHA-512";
    WbHashHelp => "Empreinte de la famille SHA-2 (FIPS 180-4).", "SHA-2 family digest (FIPS 180-4).";
    WbHashData => "Données", "Data";
    WbHashDigest => "Empreinte (hex)", "Digest (hex)";
    WbHmacTitle => "HMAC", "HMAC";
    WbHmacHelp => "HMAC-SHA-256 ou HMAC-SHA-512 (RFC 2104).", "HMAC-SHA-256 or HMAC-SHA-512 (RFC 2104).";
    WbHmacKeyEncoding => "La clé est en", "Key is written as";
    WbHmacKey => "Clé", "Key";
    WbHmacTag => "Étiquette HMAC (hex)", "HMAC tag (hex)";
    WbHkdfHelp => "Extract puis Expand (RFC 5869) : des clés indépendantes à partir d'un secret.", "Extract then Expand (RFC 5869): independent keys from one secret.";
    WbHkdfSalt => "Sel (hex, peut être vide)", "Salt (hex, may be empty)";
    WbHkdfInfoEncoding => "Info est en", "Info is written as";
    WbHkdfInfo => "Info", "Info";
    WbHkdfLength => "Longueur (octets, 1 à 8160)", "Length (bytes, 1 to 8160)";
    WbHkdfOkm => "OKM (Expand)", "OKM (Expand)";
    WbPbkdf2Title => "PBKDF2-HMAC", "PBKDF2-HMAC";
    WbPbkdf2Help => "Dérive une clé d'un mot de passe en répétant HMAC ; le nombre d'itérations règle le coût d'une attaque par dictionnaire.", "Derives a key from a password by iterating HMAC; the iteration count sets the cost of a dictionary attack.";
    WbPbkdf2Hmac => "HMAC", "HMAC";
    WbPbkdf2Password => "Mot de passe (UTF-8)", "Password (UTF-8)";
    WbPbkdf2Salt => "Sel (UTF-8)", "Salt (UTF-8)";
    WbPbkdf2Iterations => "Itérations (1 à 10 000 000)", "Iterations (1 to 10,000,000)";
    WbPbkdf2Length => "Longueur (octets, 1 à 1024)", "Length (bytes, 1 to 1024)";
    WbPbkdf2Key => "Clé dérivée (hex)", "Derived key (hex)";
    WbArgon2Title => "Argon2", "Argon2";
    WbArgon2Help => "Hachage de mot de passe coûteux en mémoire (RFC 9106) : chaque essai d'un attaquant coûte autant de mémoire.", "Memory-hard password hashing (RFC 9106): each of an attacker's guesses costs as much memory.";
    WbArgon2Variant => "Variante", "Argon2 variant";
    WbArgon2Encoding => "Mot de passe et sel sont en", "Password and salt are written as";
    WbArgon2Password => "Mot de passe", "Password";
    WbArgon2Salt => "Sel (au moins 8 octets)", "Salt (at least 8 bytes)";
    WbArgon2Secret => "Secret (hex, facultatif)", "Secret (hex, optional)";
    WbArgon2Ad => "Données associées (hex, facultatif)", "Associated data (hex, optional)";
    WbArgon2Memory => "Mémoire (Kio, 8 à 262 144)", "Memory (KiB, 8 to 262,144)";
    WbArgon2Passes => "Passes (1 à 10)", "Passes (1 to 10)";
    WbArgon2Parallelism => "Parallélisme (1 à 8)", "Parallelism (1 to 8)";
    WbArgon2Length => "Longueur (octets, 4 à 1024)", "Length (bytes, 4 to 1024)";
    WbArgon2ShortSalt(size) => "le sel fait {size} octets ; Argon2 en demande au moins 8", "the salt is {size} bytes; Argon2 needs at least 8";
    WbArgon2LowMemory(min) => "la mémoire doit valoir au moins 8 × parallélisme = {min} Kio", "memory must be at least 8 × parallelism = {min} KiB";
    WbArgon2Refused(reason) => "Argon2 a refusé ces paramètres : {reason}", "Argon2 refused these parameters: {reason}";
    WbArgon2Tag => "Étiquette (hex)", "Tag (hex)";
    WbFfdhTitle => "Diffie-Hellman sur un corps fini", "Finite-field Diffie-Hellman";
    WbFfdhHelp => "Calcule gˣ mod p et le secret partagé yˣ mod p dans un groupe publié (RFC 5114, RFC 3526) ou le petit groupe p = 23 des manuels. Refuse une valeur publique hors de [2, p − 2] ou hors du sous-groupe.", "Computes gˣ mod p and the shared secret yˣ mod p in a published group (RFC 5114, RFC 3526) or the textbook group p = 23. Refuses a public value outside [2, p − 2] or outside the subgroup.";
    WbFfdhGroup => "Groupe", "DH group";
    WbFfdhPrivate => "Exposant privé x (hex)", "Private exponent x (hex)";
    WbFfdhPeer => "Valeur publique de l'autre partie y (hex, facultative)", "Other party's public value y (hex, optional)";
    WbFfdhNotNumber(field) => "« {field} » doit être un nombre en hexadécimal (0-9, a-f)", "\"{field}\" must be a hexadecimal number (0-9, a-f)";
    WbFfdhPrivateRange(field, p) => "« {field} » doit être entre 1 et p − 2 (p = {p})", "\"{field}\" must be between 1 and p − 2 (p = {p})";
    WbFfdhPeerRange(field, p) => "« {field} » doit être entre 2 et p − 2 : 0, 1 et p − 1 donneraient un secret prévisible (p = {p})", "\"{field}\" must be between 2 and p − 2: 0, 1 and p − 1 would give a predictable secret (p = {p})";
    WbFfdhNotInSubgroup(field) => "« {field} » n'est pas dans le sous-groupe d'ordre q (yᵠ mod p ≠ 1) : refusez-la, c'est la porte d'une attaque par petit sous-groupe", "\"{field}\" is not in the subgroup of order q (yᵠ mod p ≠ 1): refuse it, it opens a small-subgroup attack";
    WbFfdhBits => "Groupe : taille de p (bits)", "Group: size of p (bits)";
    WbFfdhPublic => "Votre valeur publique gˣ mod p (hex)", "Your public value gˣ mod p (hex)";
    WbFfdhShared => "Secret partagé yˣ mod p (hex)", "Shared secret yˣ mod p (hex)";
    WbBigintTitle => "Calculatrice de grands entiers", "Big-integer calculator";
    WbBigintHelp => "Nombres en décimal, ou en hexadécimal précédés de 0x. modpow : x^y mod m (y négatif : inverse) ; modinv : x⁻¹ mod m ; egcd : pgcd(x, y) et u, v de Bézout ; crt : restes « a1, a2[, a3] » dans x, modules « n1, n2[, n3] » dans m ; root : ⌊x^(1/y)⌋ ; mul : x·y (mod m si m est donné) ; text : l'entier x lu comme des octets UTF-8. Arithmétique d'enseignement, sans protection contre les canaux auxiliaires.", "Numbers in decimal, or in hex after 0x. modpow: x^y mod m (negative y: inverse); modinv: x⁻¹ mod m; egcd: gcd(x, y) and Bézout's u, v; crt: residues \"a1, a2[, a3]\" in x, moduli \"n1, n2[, n3]\" in m; root: ⌊x^(1/y)⌋; mul: x·y (mod m when m is given); text: the integer x read as UTF-8 bytes. Teaching arithmetic, with no side-channel protection.";
    WbBigintX => "x", "x";
    WbBigintY => "y", "y";
    WbBigintM => "m (module)", "m (modulus)";
    WbBigintHex => "… en hexadécimal", "… in hex";
    WbBigintModpow => "x^y mod m", "x^y mod m";
    WbBigintModinv => "x⁻¹ mod m", "x⁻¹ mod m";
    WbBigintGcd => "PGCD(x, y)", "gcd(x, y)";
    WbBigintU => "u (u·x + v·y = pgcd)", "u (u·x + v·y = gcd)";
    WbBigintV => "v", "v";
    WbBigintCrt => "x (solution unique modulo N)", "x (unique solution mod N)";
    WbBigintCrtN => "N = produit des modules", "N = product of the moduli";
    WbBigintRoot => "⌊x^(1/y)⌋", "⌊x^(1/y)⌋";
    WbBigintExact => "Racine exacte ?", "Exact root?";
    WbBigintExactYes => "racine exacte", "exact root";
    WbBigintExactNo => "pas une racine exacte", "not an exact root";
    WbBigintMul => "x·y", "x·y";
    WbBigintMulMod => "x·y mod m", "x·y mod m";
    WbBigintBytes => "Octets (hex)", "Bytes (hex)";
    WbBigintText => "Texte UTF-8", "UTF-8 text";
    WbBigintNotUtf8 => "pas de l'UTF-8", "not UTF-8";
    WbBigintCrtCount(residues, moduli) => "TRC : écrivez 2 ou 3 restes dans x et autant de modules dans m, séparés par des virgules (trouvé : {residues} et {moduli})", "CRT: write 2 or 3 residues in x and as many moduli in m, separated by commas (found {residues} and {moduli})";
    WbBigintCrtModulus(found) => "chaque module doit valoir au moins 2 (trouvé : {found})", "each modulus must be at least 2 (found {found})";
    WbBigintRootIndex => "y est l'indice de la racine : un entier de 1 à 1000", "y is the root's index: a whole number from 1 to 1000";
    WbBigintUnknownOp(op, ops) => "opération inconnue « {op} » ; choisissez : {ops}", "unknown operation \"{op}\"; choose one of: {ops}";
    WbSignatureTitle => "Signatures Ed25519 et ECDSA P-256", "Ed25519 and ECDSA P-256 signatures";
    WbSignatureHelp => "Signer avec une clé privée (32 octets) ou vérifier avec une clé publique : Ed25519 32 octets, P-256 point SEC1 non compressé de 65 octets. ECDSA utilise SHA-256 et le nonce déterministe de la RFC 6979. Les valeurs par défaut sont le TEST 1 de la RFC 8032.", "Sign with a private key (32 bytes) or verify with a public key: Ed25519 32 bytes, P-256 an uncompressed 65-byte SEC1 point. ECDSA uses SHA-256 and the deterministic nonce of RFC 6979. The defaults are RFC 8032 TEST 1.";
    WbSignatureAlgorithm => "Algorithme", "Signature algorithm";
    WbSignatureKey => "Clé (hex) : publique pour vérifier, privée pour signer", "Key (hex): public to verify, private to sign";
    WbSignatureMessage => "Message (peut être vide)", "Message (may be empty)";
    WbSignatureSignature => "Signature (hex, 64 octets ; ignorée pour signer)", "Signature (hex, 64 bytes; ignored when signing)";
    WbSignatureHex => "Signature (hex)", "Signature (hex)";
    WbSignaturePublic => "Clé publique (hex)", "Public key (hex)";
    WbSignatureVerdict => "Verdict", "Verdict";
    WbSignatureValid => "signature valide", "valid signature";
    WbSignatureInvalid => "signature invalide", "invalid signature";
    WbKeygenTitle => "Génération de clé RSA", "RSA key generation";
    WbKeygenHelp => "Cherche deux nombres premiers p et q (crible des petits facteurs puis test de Baillie-PSW) dans le worker, en montrant la progression, puis assemble la clé (e = 65537) avec la bibliothèque rsa. 512 et 768 bits : pour apprendre seulement (factorisables).", "Searches two primes p and q (small-factor sieve then the Baillie-PSW test) in the worker, showing progress, then assembles the key (e = 65537) with the rsa library. 512 and 768 bits: for learning only (factorable).";
    WbKeygenBits => "Taille (bits)", "Size (bits)";
    WbKeygenBitsNotNumber => "« Taille » doit être un nombre de bits, par exemple 2048", "\"Size\" must be a number of bits, e.g. 2048";
    WbKeygenProgress(tested, found) => "{tested} candidats testés · {found}/2 premiers trouvés", "{tested} candidates tested · {found}/2 primes found";
    WbRsaN => "n = p·q (hex)", "n = p·q (hex)";
    WbRsaSize => "Taille de n", "Size of n";
    WbRsaBits(bits) => "{bits} bits", "{bits} bits";
    WbRsaE => "e (hex)", "e (hex)";
    WbRsaD => "d = e⁻¹ mod λ(n) (hex)", "d = e⁻¹ mod λ(n) (hex)";
    WbRsaP => "p (hex)", "p (hex)";
    WbRsaQ => "q (hex)", "q (hex)";
    WbRsaDp => "dp = d mod (p−1) (hex)", "dp = d mod (p−1) (hex)";
    WbRsaDq => "dq = d mod (q−1) (hex)", "dq = d mod (q−1) (hex)";
    WbRsaQinv => "qinv = q⁻¹ mod p (hex)", "qinv = q⁻¹ mod p (hex)";
    WbRsaFieldN => "n (hex)", "n (hex)";
    WbRsaFieldE => "e (hex)", "e (hex)";
    WbRsaFieldP => "p (hex, clé privée)", "p (hex, private key)";
    WbRsaFieldQ => "q (hex, clé privée)", "q (hex, private key)";
    WbRsaData => "Clair, ou chiffré en hex", "Plaintext, or ciphertext in hex";
    WbRsaNotNumber(field) => "« {field} » doit être un nombre en hexadécimal (0-9, a-f)", "\"{field}\" must be a hex number (0-9, a-f)";
    WbRsaPlaintextHex => "Clair (hex)", "Plaintext (hex)";
    WbOaepTitle => "RSA-OAEP (SHA-256)", "RSA-OAEP (SHA-256)";
    WbOaepHelp => "Chiffrement RSA avec le bourrage aléatoire OAEP (SHA-256, MGF1-SHA256). Chiffrer demande n et e ; déchiffrer demande p, q et e (d est recalculé). Par défaut : le vecteur tcId 3 de Wycheproof.", "RSA encryption with OAEP's random padding (SHA-256, MGF1-SHA256). Encrypting needs n and e; decrypting needs p, q and e (d is recomputed). Default: Wycheproof vector tcId 3.";
    WbPkcs1Title => "RSA PKCS#1 v1.5 (chiffrement)", "RSA PKCS#1 v1.5 (encryption)";
    WbPkcs1Help => "L'ancien bourrage de chiffrement, encore très répandu. Le déchiffrement rejette implicitement : un bourrage faux donne un message synthétique, pas d'erreur, pour ne pas offrir d'oracle (Bleichenbacher 1998).", "The older encryption padding, still widespread. Decryption rejects implicitly: bad padding gives a synthetic message, not an error, so as to offer no oracle (Bleichenbacher 1998).";
    WbPssTitle => "Signature RSA-PSS (SHA-256)", "RSA-PSS signature (SHA-256)";
    WbPssHelp => "Signer demande p, q et e ; vérifier demande n, e et la signature. Sel aléatoire de 32 octets. Par défaut : le vecteur tcId 3 de Wycheproof (signature valide de « Test »).", "Signing needs p, q and e; verifying needs n, e and the signature. Random 32-byte salt. Default: Wycheproof vector tcId 3 (a valid signature of \"Test\").";
    WbPssMessage => "Message", "Message";
    WbPssSignature => "Signature (hex, pour vérifier)", "Signature (hex, to verify)";
    WbPssValid => "Signature valide ?", "Valid signature?";
    BigintEmpty(field) => "« {field} » est vide : écrivez un entier (décimal, ou hexadécimal précédé de 0x)", "\"{field}\" is empty: write an integer (decimal, or hex after 0x)";
    BigintTooLong(field, max) => "« {field} » a plus de {max} chiffres", "\"{field}\" has more than {max} digits";
    BigintNotInteger(field) => "« {field} » n'est pas un entier : chiffres 0-9 en décimal, ou 0x suivi de 0-9 a-f en hexadécimal", "\"{field}\" is not an integer: digits 0-9 in decimal, or 0x then 0-9 a-f in hex";
    BigintModulusTooSmall(field, found) => "le module « {field} » doit valoir au moins 2 (trouvé : {found})", "the modulus \"{field}\" must be at least 2 (found {found})";
    BigintNoInverse(gcd) => "pas d'inverse : pgcd(a, n) = {gcd} ; a n'est inversible modulo n que si pgcd(a, n) = 1", "no inverse: gcd(a, n) = {gcd}; a is invertible mod n only when gcd(a, n) = 1";
    BigintNotCoprime(i, j, gcd) => "les modules n{i} et n{j} ne sont pas premiers entre eux : pgcd = {gcd}", "moduli n{i} and n{j} are not coprime: gcd = {gcd}";
    BigintNegativeRoot => "la racine d'un nombre négatif n'est pas définie ici", "the root of a negative number is not defined here";
    BigintRootIndex => "l'indice de la racine doit valoir au moins 1", "the root's index must be at least 1";
    RsaKitRandomFailed(reason) => "le générateur aléatoire a échoué : {reason}", "the random generator failed: {reason}";
    RsaKitKeySize(bits, min, max) => "taille de clé {bits} bits : attendu un multiple de 16 entre {min} et {max}", "key size {bits} bits: expected a multiple of 16 from {min} to {max}";
    RsaKitKeyRefused(reason) => "clé RSA refusée : {reason}. Vérifiez p, q et e (p et q premiers, e premier avec p−1 et q−1).", "RSA key refused: {reason}. Check p, q and e (p and q prime, e coprime with p−1 and q−1).";
    RsaKitModulusSize(bits, min, max) => "le module fait {bits} bits ; attendu {min} à {max}", "the modulus is {bits} bits; expected {min} to {max}";
    RsaKitPublicSize(min, max) => "le module n doit faire {min} à {max} bits", "the modulus n must be {min} to {max} bits";
    RsaKitPublicRefused(reason) => "clé publique refusée : {reason} (n doit être impair, 1 < e < n)", "public key refused: {reason} (n must be odd, 1 < e < n)";
    RsaKitTooLong(found, scheme, max) => "le message fait {found} octets ; {scheme} en porte au plus {max} avec cette clé : raccourcissez-le ou prenez une clé plus grande", "the message is {found} bytes; {scheme} carries at most {max} with this key: shorten it or use a larger key";
    RsaKitCiphertextLength(found, k) => "le chiffré fait {found} octets ; avec cette clé il en fait exactement {k}", "the ciphertext is {found} bytes; with this key it is exactly {k}";
    RsaKitOaepFailed(reason) => "chiffrement OAEP impossible : {reason}", "OAEP encryption failed: {reason}";
    RsaKitOaepRefused => "déchiffrement refusé : le bourrage OAEP ne se vérifie pas (chiffré modifié ou mauvaise clé). Une seule erreur pour tous les cas, exprès (attaque de Manger).", "decryption refused: the OAEP padding does not check (tampered ciphertext or wrong key). One error for every case, on purpose (Manger's attack).";
    RsaKitEncryptFailed(reason) => "chiffrement impossible : {reason}", "encryption failed: {reason}";
    RsaKitDecryptFailed(reason) => "déchiffrement impossible : {reason}", "decryption failed: {reason}";
    RsaKitSignFailed(reason) => "signature impossible : {reason}", "signing failed: {reason}";
    RsaCalcHelp => "Décimal, ou hexadécimal précédé de 0x. modpow : x^y mod m ; modinv : x⁻¹ mod m ; egcd : pgcd et coefficients de Bézout de x et y ; crt : restes « a1, a2, a3 » dans x et modules « n1, n2, n3 » dans m ; root : racine y-ième entière de x ; mul : x·y mod m ; text : x lu comme du texte.", "Decimal, or hex after 0x. modpow: x^y mod m; modinv: x⁻¹ mod m; egcd: gcd and Bézout coefficients of x and y; crt: residues \"a1, a2, a3\" in x and moduli \"n1, n2, n3\" in m; root: integer y-th root of x; mul: x·y mod m; text: x read as text.";
    RsaCalcButton => "Calculer", "Compute";
    RsaTextbookTitle => "RSA « manuel » et CRT", "Textbook RSA and CRT";
    RsaTextbookTeaches => "RSA sans bourrage sur deux premiers de 64 bits par apprenant (jouet pédagogique) : d = e⁻¹ mod φ(n), chiffrement, déchiffrement et déchiffrement par le CRT (dp, dq, qinv).", "Unpadded RSA on two 64-bit primes per learner (a teaching toy): d = e⁻¹ mod φ(n), encryption, decryption and CRT decryption (dp, dq, qinv).";
    RsaHastadTitle => "Petit exposant sans bourrage (Håstad)", "Small exponent without padding (Håstad)";
    RsaHastadTeaches => "Un même message chiffré sans bourrage avec e = 3 pour trois passerelles : le théorème chinois des restes et une racine cubique entière le retrouvent. Le bourrage OAEP (le correctif) l'empêche.", "One message encrypted without padding under e = 3 for three gateways: the Chinese remainder theorem and an integer cube root recover it. OAEP padding (the fix) prevents it.";
    RsaCommonModulusTitle => "Module RSA partagé", "Shared RSA modulus";
    RsaCommonModulusTeaches => "Un même message chiffré sans bourrage sous un seul module n avec deux exposants premiers entre eux : les coefficients de Bézout le retrouvent sans clé privée. Une clé par objet et par rôle (le correctif) l'empêche.", "One message encrypted without padding under a single modulus n with two coprime exponents: Bézout's coefficients recover it without a private key. One key per device and role (the fix) prevents it.";
    // (workbench entries above this line)

    // ---- Capture viewer (shared by the protocol engines) -----------------------------------
    // (capture entries above this line)

    // ---- Engine mqtt-audit ------------------------------------------------------------------
    MqttAuditTitle => "Audit d'un broker MQTT", "MQTT broker audit";
    MqttAuditTeaches => "Une capture du port 1883 d'un bâtiment connecté (mosquitto, MQTT 3.1.1 sans TLS) : identifiants en clair dans CONNECT, commandes retenues, abonnement à # ; puis l'audit du fichier d'ACL mosquitto (topic, pattern, user, %c, %u) contre la politique d'accès de chaque client, usurpation d'identifiant client comprise.", "A capture of a smart building's port 1883 (mosquitto, MQTT 3.1.1 without TLS): credentials in clear in CONNECT, retained commands, a subscription to #; then the audit of the mosquitto ACL file (topic, pattern, user, %c, %u) against each client's access policy, spoofed client ids included.";
    MqttAuditCaptureTitle => "Port 1883 du broker (MQTT en clair)", "Broker port 1883 (plain MQTT)";
    MqttAuditAudit => "Auditer l'ACL", "Audit the ACL";
    MqttAuditAuditHelp => "Le fichier d'ACL du broker, syntaxe mosquitto (acl_file) : `user NOM`, `topic [read|write|readwrite|deny] SUJET`, `pattern [read|write|readwrite|deny] SUJET` avec %c (identifiant client) et %u (nom d'utilisateur). Les lignes `topic` placées avant tout `user` ne valent que pour les clients anonymes ; les `pattern` valent pour tous. L'audit rejoue, pour chaque client, la lecture (ce qu'un abonnement à # recevrait) et la publication sur chaque sujet du bâtiment, avec son identifiant client puis avec ceux des autres.", "The broker's ACL file, mosquitto syntax (acl_file): `user NAME`, `topic [read|write|readwrite|deny] TOPIC`, `pattern [read|write|readwrite|deny] TOPIC` with %c (client id) and %u (user name). `topic` lines before any `user` line apply to anonymous clients only; `pattern` lines apply to all. The audit replays, for each client, reading (what a subscription to # would receive) and publishing on every topic of the building, with its own client id, then with the others'.";
    MqttAuditAuditButton => "Auditer", "Audit";
    MqttAuditAcl => "Fichier d'ACL (mosquitto)", "ACL file (mosquitto)";
    MqttAuditVerdict => "Verdict", "Verdict";
    MqttAuditClean => "aucun droit en trop, aucun droit manquant : l'ACL applique exactement la politique", "no excess right, no missing right: the ACL grants exactly the policy";
    MqttAuditFlawed(excess, missing) => "{excess} droit(s) en trop, {missing} droit(s) manquant(s)", "{excess} excess right(s), {missing} missing right(s)";
    MqttAuditFindings => "Écarts à la politique", "Departures from the policy";
    MqttAuditClient => "Client (nom d'utilisateur)", "Client (user name)";
    MqttAuditRight => "Droit", "Right";
    MqttAuditTopic => "Sujet", "Topic";
    MqttAuditFinding => "Constat", "Finding";
    MqttAuditLine => "Ligne de l'ACL", "ACL line";
    MqttAuditExcess => "en trop", "excess";
    MqttAuditExcessSpoofed(id) => "en trop, en se présentant avec l'identifiant client {id}", "excess, when presenting client id {id}";
    MqttAuditMissing => "manquant", "missing";
    MqttAuditReach => "Portée de chaque client (avec son propre identifiant)", "Each client's reach (with its own client id)";
    MqttAuditSubscribeAll => "Reçoit avec SUBSCRIBE #", "Receives with SUBSCRIBE #";
    MqttAuditPublishTo => "Peut publier sur", "May publish to";
    MqttAuditNothing => "rien", "nothing";
    MqttAuditAnonymous => "(anonyme, sans nom d'utilisateur)", "(anonymous, no user name)";
    MqttAuditAclLine(line, reason) => "ACL, ligne {line} : {reason}", "ACL, line {line}: {reason}";
    MqttAuditAclKeyword(word) => "« {word} » : attendu `user`, `topic`, `pattern`, ou un commentaire dont le # est le tout premier caractère de la ligne", "\"{word}\": expected `user`, `topic`, `pattern`, or a comment whose # is the very first character of the line";
    MqttAuditAclAccess(word) => "accès « {word} » : attendu read, write, readwrite ou deny, puis le sujet", "access \"{word}\": expected read, write, readwrite or deny, then the topic";
    MqttAuditAclNoTopic(keyword) => "`{keyword}` sans sujet : attendu `{keyword} [read|write|readwrite|deny] SUJET`", "`{keyword}` without a topic: expected `{keyword} [read|write|readwrite|deny] TOPIC`";
    MqttAuditAclNoUser => "`user` sans nom : attendu `user NOM`", "`user` without a name: expected `user NAME`";
    MqttAuditAclBadTopic(topic) => "sujet « {topic} » invalide : + et # occupent un niveau entier, et # seulement le dernier", "invalid topic \"{topic}\": + and # fill a whole level, and # only the last one";
    MqttAuditAclTooLong(max) => "le fichier dépasse {max} lignes", "the file is longer than {max} lines";
    // (mqtt entries above this line)

    // ---- Engine oscore-replay ---------------------------------------------------------------
    OscoreReplayTitle => "Rejeu CoAP et fenêtre anti-rejeu OSCORE", "CoAP replay and the OSCORE replay window";
    OscoreReplayTeaches => "Une requête CoAP en clair se rejoue telle quelle ; OSCORE (RFC 8613 : HKDF, AES-CCM-16-64-128, COSE Encrypt0) lie chaque requête à son numéro de séquence, et la fenêtre anti-rejeu de 32 numéros du serveur refuse les doublons et les trop anciens.", "A plain CoAP request replays as it is; OSCORE (RFC 8613: HKDF, AES-CCM-16-64-128, COSE Encrypt0) binds each request to its sequence number, and the server's 32-number replay window refuses duplicates and numbers too old.";
    OscoreReplayCapturePlain => "CoAP en clair : PUT /lock « open », puis son rejeu", "Plain CoAP: PUT /lock \"open\", then its replay";
    OscoreReplayCaptureOscore => "OSCORE : la même commande protégée, puis son rejeu", "OSCORE: the same command protected, then its replay";
    OscoreReplayFrame => "Message CoAP (hex)", "CoAP message (hex)";
    OscoreReplayPlain => "Attaquant : rejouer la requête CoAP en clair", "Attacker: replay the plain CoAP request";
    OscoreReplayPlainHelp => "Renvoie à la serrure les octets capturés, dix minutes plus tard, depuis une autre adresse. L'identifiant de message CoAP ne sert qu'à écarter les retransmissions pendant EXCHANGE_LIFETIME (247 s) : ce n'est pas une protection.", "Sends the captured bytes to the lock again, ten minutes later, from another address. The CoAP message ID only filters retransmissions during EXCHANGE_LIFETIME (247 s): it is no protection.";
    OscoreReplayPlainButton => "Rejouer", "Replay";
    OscoreReplayProtected => "Attaquant : rejouer la requête OSCORE", "Attacker: replay the OSCORE request";
    OscoreReplayProtectedHelp => "Envoie le message à la ressource OSCORE de la serrure : contexte trouvé par le kid, nonce et données associées reconstruits avec le Partial IV, AES-CCM vérifié, puis la fenêtre anti-rejeu. Modifiez un octet (Partial IV, kid, chiffré) pour voir ce qui casse.", "Sends the message to the lock's OSCORE resource: context found by kid, nonce and associated data rebuilt from the Partial IV, AES-CCM verified, then the replay window. Change a byte (Partial IV, kid, ciphertext) to see what breaks.";
    OscoreReplayProtectedButton => "Envoyer", "Send";
    OscoreReplayWindow => "Serrure : fenêtre anti-rejeu au départ", "Lock: the replay window at the start";
    OscoreReplayWindowHelp => "Le plus grand numéro de séquence accepté et le masque de 32 bits, décodé : le bit i dit si le numéro « plus grand − i » a été accepté.", "The highest sender sequence number accepted and the 32-bit bitmap, decoded: bit i says whether number \"highest − i\" was accepted.";
    OscoreReplayWindowButton => "Afficher", "Show";
    OscoreReplayRun => "Serrure : traiter les messages (après résolution)", "Lock: process the messages (once solved)";
    OscoreReplayRunHelp => "La serrure traite les messages dans l'ordre : verdict, raison, et la fenêtre après chacun.", "The lock processes the messages in order: verdict, reason, and the window after each one.";
    OscoreReplayRunButton => "Traiter", "Process";
    OscoreReplayVerdict => "Verdict", "Verdict";
    OscoreReplayRequestSeen => "Requête lue par la serrure", "Request as the lock reads it";
    OscoreReplaySsn => "Partial IV (numéro de séquence de l'émetteur)", "Partial IV (sender sequence number)";
    OscoreReplayWindowBefore => "Fenêtre anti-rejeu de la serrure", "The lock's replay window";
    OscoreReplayHighest => "Plus grand numéro accepté", "Highest number accepted";
    OscoreReplayBitmap => "Masque (hex, bit i = numéro plus grand − i)", "Bitmap (hex, bit i = number highest − i)";
    OscoreReplayBitmapBits => "Masque (bit 31 à gauche … bit 0 à droite)", "Bitmap (bit 31 on the left … bit 0 on the right)";
    OscoreReplayWindowTable => "Fenêtre", "Window";
    OscoreReplayRunTable => "Messages traités", "Messages processed";
    OscoreReplayPrediction => "Prédiction attendue", "Expected prediction";
    OscoreReplayColOffset => "i", "i";
    OscoreReplayColSsn => "Numéro", "SSN";
    OscoreReplayColSeen => "Déjà accepté ?", "Accepted before?";
    OscoreReplayColMessage => "Message", "Message";
    OscoreReplayColVerdict => "Verdict", "Verdict";
    OscoreReplayColReason => "Raison", "Reason";
    OscoreReplayColHighest => "Plus grand après", "Highest after";
    OscoreReplayColBitmap => "Masque après", "Bitmap after";
    OscoreReplaySeen => "oui", "yes";
    OscoreReplayNotSeen => "non", "no";
    OscoreReplayAccepted => "ACCEPTÉ", "ACCEPTED";
    OscoreReplayRefused => "REFUSÉ", "REFUSED";
    OscoreReplayAhead(shift) => "neuf : {shift} au-dessus du plus grand, la fenêtre glisse", "fresh: {shift} above the highest, the window slides";
    OscoreReplayLate(offset) => "neuf : dans la fenêtre ({offset} sous le plus grand), pas encore vu", "fresh: inside the window ({offset} below the highest), not seen yet";
    OscoreReplayDuplicate(offset) => "rejeu : déjà vu ({offset} sous le plus grand)", "replay: already seen ({offset} below the highest)";
    OscoreReplayTooOld(offset) => "trop ancien : {offset} sous le plus grand, à gauche de la fenêtre de 32", "too old: {offset} below the highest, left of the 32-number window";
    OscoreReplayDoorOpens => "ACCEPTÉE : 2.04 Changed, la porte s'ouvre", "ACCEPTED: 2.04 Changed, the door opens";
    OscoreReplayDoorCloses => "ACCEPTÉE : 2.04 Changed, la porte se verrouille", "ACCEPTED: 2.04 Changed, the door locks";
    OscoreReplayBadCommand => "4.00 Bad Request : la serrure attend « open » ou « close »", "4.00 Bad Request: the lock expects \"open\" or \"close\"";
    OscoreReplayNotFound => "4.04 Not Found : la serrure n'a que PUT /lock", "4.04 Not Found: the lock only has PUT /lock";
    OscoreReplayNotCoap(reason) => "ce n'est pas un message CoAP ({reason})", "this is not a CoAP message ({reason})";
    OscoreReplayNotRequest => "ce message n'est pas une requête : la serrure ne traite que des requêtes", "this message is not a request: the lock only processes requests";
    OscoreReplayNoOscore => "REFUSÉE, 4.01 Unauthorized : pas d'option OSCORE, et la ressource exige OSCORE", "REFUSED, 4.01 Unauthorized: no OSCORE option, and the resource requires OSCORE";
    OscoreReplayBadOption => "REFUSÉE, 4.02 Bad Option : option OSCORE mal formée (RFC 8613 §6.1)", "REFUSED, 4.02 Bad Option: malformed OSCORE option (RFC 8613 §6.1)";
    OscoreReplayUnknownKid(kid) => "REFUSÉE, 4.01 Unauthorized : aucun contexte de sécurité pour le kid « {kid} »", "REFUSED, 4.01 Unauthorized: no security context for kid \"{kid}\"";
    OscoreReplayNoPiv => "REFUSÉE, 4.02 Bad Option : requête sans Partial IV", "REFUSED, 4.02 Bad Option: request without a Partial IV";
    OscoreReplayDecryptFailed => "REFUSÉE, 4.00 Bad Request : Decryption failed. Le Partial IV et le kid entrent dans le nonce et les données associées : en changer un octet, ou un octet du chiffré, casse l'étiquette", "REFUSED, 4.00 Bad Request: Decryption failed. The Partial IV and kid go into the nonce and the associated data: changing one of their bytes, or a byte of the ciphertext, breaks the tag";
    OscoreReplayReplayDetected(reason) => "REFUSÉE, 4.01 Unauthorized : Replay detected ({reason})", "REFUSED, 4.01 Unauthorized: Replay detected ({reason})";
    OscoreReplayAnswerLength(given, expected) => "la réponse donne {given} verdicts (A ou R) ; il y a {expected} messages : une lettre par message", "the answer gives {given} verdicts (A or R); there are {expected} messages: one letter per message";
    // (oscore entries above this line)

    // ---- Engine lorawan-abp -----------------------------------------------------------------
    LorawanAbpTitle => "LoRaWAN ABP : compteur de trames remis à zéro", "LoRaWAN ABP: frame counter reset";
    LorawanAbpTeaches => "Un objet LoRaWAN 1.0.x en ABP dont le compteur repart de 0 à chaque redémarrage, un serveur de réseau qui l'accepte, une trame rejouée ; le compteur de 32 bits rebâti depuis les 16 bits transmis, le MIC (AES-CMAC sur B0 ‖ msg) et le chiffrement de FRMPayload (blocs A_i) ; les correctifs : compteurs stricts, conservés en mémoire non volatile, ou OTAA.", "A LoRaWAN 1.0.x ABP device whose counter restarts from 0 at each reboot, a network server that accepts it, a replayed frame; the 32-bit counter rebuilt from the 16 bits sent, the MIC (AES-CMAC over B0 ‖ msg) and FRMPayload encryption (A_i blocks); the fixes: strict counters, counters kept in non-volatile memory, or OTAA.";
    LorawanAbpFrame => "Trame PHYPayload (hex)", "PHYPayload frame (hex)";
    LorawanAbpFcnt32 => "FCnt sur 32 bits", "32-bit FCnt";
    LorawanAbpAppSKey => "AppSKey (hex, 16 octets)", "AppSKey (hex, 16 bytes)";
    LorawanAbpSetting => "Réglage du réseau", "Network setting";
    LorawanAbpMicTitle => "Vérifier le MIC sous un compteur", "Check the MIC under a counter";
    LorawanAbpMicHelp => "Calcule B0 puis AES-CMAC(NwkSKey, B0 ‖ msg) avec le compteur de 32 bits choisi, et compare aux 4 octets de MIC de la trame. Seuls les 16 bits bas du compteur voyagent : le bon compteur est celui sous lequel le MIC correspond.", "Builds B0 then AES-CMAC(NwkSKey, B0 ‖ msg) with the chosen 32-bit counter, and compares with the frame's 4 MIC bytes. Only the counter's 16 low bits travel: the right counter is the one under which the MIC matches.";
    LorawanAbpMicButton => "Vérifier", "Check";
    LorawanAbpDecryptTitle => "Déchiffrer FRMPayload", "Decrypt FRMPayload";
    LorawanAbpDecryptHelp => "FRMPayload ⊕ AES(AppSKey, A_1) ‖ AES(AppSKey, A_2)… ; chaque bloc A_i porte DevAddr et le compteur de 32 bits. Un mauvais compteur donne un mauvais flot, donc du bruit.", "FRMPayload ⊕ AES(AppSKey, A_1) ‖ AES(AppSKey, A_2)…; each A_i block carries DevAddr and the 32-bit counter. A wrong counter gives a wrong keystream, hence noise.";
    LorawanAbpDecryptButton => "Déchiffrer", "Decrypt";
    LorawanAbpServerTitle => "Serveur de réseau : envoyer une trame montante", "Network server: send an uplink";
    LorawanAbpServerHelp => "Le serveur tel qu'il est à la fin de la capture (chaque envoi part de cet état). relaxed : accepte un compteur plus bas comme une remise à zéro de l'objet ; strict : refuse tout compteur qui recule ; nvm : l'objet garde son compteur en mémoire non volatile et le serveur est strict ; otaa : l'objet rejoint le réseau à chaque démarrage, avec des clés de session neuves. Le journal montre comment ce serveur a traité la capture.", "The server as it stands at the end of the capture (each send starts from that state). relaxed: takes a lower counter as a device reset; strict: refuses any counter that goes back; nvm: the device keeps its counter in non-volatile memory and the server is strict; otaa: the device joins at each boot, with fresh session keys. The log shows how this server handled the capture.";
    LorawanAbpServerButton => "Envoyer", "Send";
    LorawanAbpTooShort(size, min) => "la trame fait {size} ; une trame de données en compte au moins {min} (MHDR, FHDR, MIC)", "the frame is {size}; a data frame has at least {min} (MHDR, FHDR, MIC)";
    LorawanAbpNotData => "ce n'est pas une trame de données : MType (3 bits hauts de MHDR) doit valoir Data Up ou Data Down", "not a data frame: MType (the 3 high bits of MHDR) must be Data Up or Data Down";
    LorawanAbpFOptsBeyondEnd(len) => "FOptsLen vaut {len} : FOpts dépasserait le MIC", "FOptsLen is {len}: FOpts would run into the MIC";
    LorawanAbpDownlink => "refusée : trame descendante, le serveur attend une trame montante", "refused: a downlink frame, the server expects an uplink";
    LorawanAbpUnknownDevAddr(addr) => "refusée : DevAddr {addr} inconnu du réseau", "refused: DevAddr {addr} unknown to the network";
    LorawanAbpCounterGap(fcnt, last, gap) => "refusée (compteur) : MIC valable sous {fcnt}, mais c'est plus de {gap} au-delà du dernier compteur {last} (MAX_FCNT_GAP)", "refused (counter): the MIC holds under {fcnt}, but that is more than {gap} beyond the last counter {last} (MAX_FCNT_GAP)";
    LorawanAbpCounterBack(fcnt, last) => "refusée (compteur) : le compteur {fcnt} n'est pas au-dessus du dernier accepté {last} (rejeu, ou objet redémarré)", "refused (counter): counter {fcnt} is not above the last accepted {last} (a replay, or a rebooted device)";
    LorawanAbpMicRefused(fcnt) => "refusée (MIC) : le MIC ne correspond pas sous le compteur rebâti {fcnt} avec la NwkSKey de la session", "refused (MIC): the MIC does not match under the rebuilt counter {fcnt} with the session's NwkSKey";
    LorawanAbpB0 => "Bloc B0 (hex)", "B0 block (hex)";
    LorawanAbpMicComputed => "MIC calculé", "Computed MIC";
    LorawanAbpMicCarried => "MIC de la trame", "Frame's MIC";
    LorawanAbpMicVerdict => "MIC", "MIC";
    LorawanAbpMicMatches(fcnt) => "le MIC correspond sous le compteur {fcnt}", "the MIC matches under counter {fcnt}";
    LorawanAbpMicDiffers(fcnt) => "le MIC ne correspond pas sous le compteur {fcnt}", "the MIC does not match under counter {fcnt}";
    LorawanAbpNoPayload => "cette trame n'a pas de FRMPayload à déchiffrer", "this frame has no FRMPayload to decrypt";
    LorawanAbpPortZero => "FPort 0 : FRMPayload porte des commandes MAC chiffrées avec la NwkSKey, pas l'AppSKey", "FPort 0: FRMPayload carries MAC commands encrypted with the NwkSKey, not the AppSKey";
    LorawanAbpA1 => "Bloc A_1 (hex)", "A_1 block (hex)";
    LorawanAbpFrmPayload => "FRMPayload chiffré (hex)", "Encrypted FRMPayload (hex)";
    LorawanAbpPlainHex => "Clair (hex)", "Plaintext (hex)";
    LorawanAbpPlainText => "Clair (texte)", "Plaintext (text)";
    LorawanAbpNotText => "(pas du texte lisible : mauvais compteur ou mauvaise clé ?)", "(not readable text: wrong counter or wrong key?)";
    LorawanAbpAccepted(fcnt) => "acceptée, compteur {fcnt}", "accepted, counter {fcnt}";
    LorawanAbpAcceptedReset(fcnt) => "acceptée comme remise à zéro de l'objet, compteur {fcnt}", "accepted as a device reset, counter {fcnt}";
    LorawanAbpVerdict => "Verdict du serveur", "Server's verdict";
    LorawanAbpLog => "Journal du serveur pendant la capture", "Server log during the capture";
    LorawanAbpLogIndex => "N°", "No.";
    LorawanAbpLogAir => "FCnt transmis", "FCnt sent";
    LorawanAbpLogFull => "FCnt 32 bits", "32-bit FCnt";
    LorawanAbpLogVerdict => "Verdict", "Verdict";
    LorawanAbpAnswerNotHex => "la trame doit être en hexadécimal (0-9, a-f)", "the frame must be hexadecimal (0-9, a-f)";
    LorawanAbpCaptureReboot => "Avant et après le redémarrage (ABP, compteur en RAM)", "Before and after the reboot (ABP, counter in RAM)";
    LorawanAbpCaptureNvm => "Après le correctif : compteur gardé en mémoire non volatile", "After the fix: counter kept in non-volatile memory";
    // (lorawan entries above this line)

    // ---- Engine ble-pairing -----------------------------------------------------------------
    BlePairingTitle => "Appairage BLE : casser la clé d'une capture", "BLE pairing: break the key from a capture";
    BlePairingTeaches => "Un appairage Bluetooth LE « legacy » capturé : la valeur de confirmation c1 et l'aléa passent en clair, le code à 6 chiffres tombe en au plus un million d'essais hors ligne, puis STK = s1(TK, Srand, Mrand) ouvre le lien chiffré AES-CCM et la LTK distribuée. LE Secure Connections (ECDH P-256, le correctif) y résiste.", "A captured Bluetooth LE legacy pairing: the c1 confirm value and the random go in clear, the 6-digit passkey falls in at most a million offline trials, then STK = s1(TK, Srand, Mrand) opens the AES-CCM link and the distributed LTK. LE Secure Connections (P-256 ECDH, the fix) resists.";
    BlePairingCaptureTitle => "Appairage et chiffrement du lien (PDU de données LL)", "Pairing and link encryption (LL data PDUs)";
    BlePairingK => "k : clé TK (hex, 16 octets, octet de poids fort en premier)", "k: key TK (hex, 16 bytes, most significant octet first)";
    BlePairingR => "r : aléa (hex, 16 octets)", "r: random (hex, 16 bytes)";
    BlePairingPreq => "preq : Pairing Request (hex, 7 octets, ordre de la spécification)", "preq: Pairing Request (hex, 7 bytes, specification order)";
    BlePairingPres => "pres : Pairing Response (hex, 7 octets, ordre de la spécification)", "pres: Pairing Response (hex, 7 bytes, specification order)";
    BlePairingIat => "iat : type d'adresse du central (0 publique, 1 aléatoire)", "iat: central's address type (0 public, 1 random)";
    BlePairingIa => "ia : adresse du central (hex, 6 octets)", "ia: central's address (hex, 6 bytes)";
    BlePairingRat => "rat : type d'adresse du périphérique (0 publique, 1 aléatoire)", "rat: peripheral's address type (0 public, 1 random)";
    BlePairingRa => "ra : adresse du périphérique (hex, 6 octets)", "ra: peripheral's address (hex, 6 bytes)";
    BlePairingC1 => "Fonction de confirmation c1", "Confirm function c1";
    BlePairingC1Help => "c1(k, r, preq, pres, iat, ia, rat, ra) = e(k, e(k, r ⊕ p1) ⊕ p2), avec p1 = pres ‖ preq ‖ rat ‖ iat et p2 = 0⁴ ‖ ia ‖ ra (Core, vol. 3 partie H §2.2.3). TK d'un code à 6 chiffres : le code comme nombre de 128 bits, par exemple 123456 → 0000…0001e240.", "c1(k, r, preq, pres, iat, ia, rat, ra) = e(k, e(k, r ⊕ p1) ⊕ p2), with p1 = pres ‖ preq ‖ rat ‖ iat and p2 = 0⁴ ‖ ia ‖ ra (Core, Vol 3 Part H §2.2.3). TK of a 6-digit passkey: the passkey as a 128-bit number, for instance 123456 → 0000…0001e240.";
    BlePairingC1Button => "Calculer c1", "Compute c1";
    BlePairingP1 => "p1", "p1";
    BlePairingP2 => "p2", "p2";
    BlePairingC1Value => "c1", "c1";
    BlePairingMatch => "Correspond à la capture ?", "Matches the capture?";
    BlePairingMatchesMconfirm => "oui : c'est le Mconfirm capturé", "yes: this is the captured Mconfirm";
    BlePairingMatchesSconfirm => "oui : c'est le Sconfirm capturé", "yes: this is the captured Sconfirm";
    BlePairingMatchesNone => "non : ni Mconfirm ni Sconfirm", "no: neither Mconfirm nor Sconfirm";
    BlePairingSearch => "Recherche exhaustive du code", "Passkey brute force";
    BlePairingSearchHelp => "Essaie chaque code de l'intervalle comme TK dans c1 avec le Mrand capturé, jusqu'à retrouver le Mconfirm capturé, hors ligne : rien ne limite les essais sur une capture. Un million de codes au plus, quelques milliers par étape.", "Tries every passkey of the range as TK in c1 with the captured Mrand until it gives the captured Mconfirm, offline: nothing limits the trials on a capture. At most a million passkeys, a few thousand per step.";
    BlePairingSearchButton => "Chercher", "Search";
    BlePairingMconfirm => "Mconfirm capturé (hex, 16 octets)", "Captured Mconfirm (hex, 16 bytes)";
    BlePairingMrand => "Mrand capturé (hex, 16 octets)", "Captured Mrand (hex, 16 bytes)";
    BlePairingFrom => "Premier code essayé", "First passkey tried";
    BlePairingTo => "Dernier code essayé", "Last passkey tried";
    BlePairingTrials => "Essais", "Trials";
    BlePairingPasskey => "Code trouvé", "Passkey found";
    BlePairingTk => "TK", "TK";
    BlePairingNote => "Pourquoi", "Why";
    BlePairingComparison => "Valeur de comparaison numérique g2 mod 10⁶ (publique)", "Numeric comparison value g2 mod 10⁶ (public)";
    BlePairingNoPasskey(from, to) => "aucun code de {from} à {to} ne donne ce Mconfirm", "no passkey from {from} to {to} gives this Mconfirm";
    BlePairingLescResists => "cet appairage est en LE Secure Connections (bit SC de AuthReq) : la confirmation vaut f4(PKbx, PKax, Nb, 0), sans TK, et les clés viennent du secret ECDH P-256, que l'écoute passive ne donne pas. Les 6 chiffres affichés sont publics et ne servent à rien à l'attaquant.", "this pairing uses LE Secure Connections (SC bit of AuthReq): the confirm is f4(PKbx, PKax, Nb, 0), with no TK, and the keys come from the P-256 ECDH secret, which passive listening does not give. The 6 digits shown are public and useless to the attacker.";
    BlePairingRangeOrder(from, to) => "le premier code ({from}) dépasse le dernier ({to})", "the first passkey ({from}) is above the last one ({to})";
    BlePairingS1 => "Fonction de clé s1", "Key function s1";
    BlePairingS1Help => "s1(k, r1, r2) = e(k, r'), où r' est formé des 64 bits de poids faible de r1 puis de ceux de r2 (Core, vol. 3 partie H §2.2.4). STK = s1(TK, Srand, Mrand).", "s1(k, r1, r2) = e(k, r'), where r' is the 64 low-order bits of r1 then those of r2 (Core, Vol 3 Part H §2.2.4). STK = s1(TK, Srand, Mrand).";
    BlePairingS1Button => "Calculer s1", "Compute s1";
    BlePairingR1 => "r1 : Srand (hex, 16 octets)", "r1: Srand (hex, 16 bytes)";
    BlePairingR2 => "r2 : Mrand (hex, 16 octets)", "r2: Mrand (hex, 16 bytes)";
    BlePairingRPrime => "r'", "r'";
    BlePairingStk => "s1 (STK)", "s1 (STK)";
    BlePairingDecrypt => "Déchiffrer un PDU du lien", "Decrypt a link PDU";
    BlePairingDecryptHelp => "Clé de session SK = e(clé, SKD), puis AES-CCM (MIC de 4 octets) avec le nonce compteur de paquets ‖ bit de direction ‖ IV, et l'en-tête du PDU sans NESN, SN ni MD comme données associées (Core, vol. 6 partie E). La clé : la STK juste après l'appairage.", "Session key SK = e(key, SKD), then AES-CCM (4-byte MIC) with the nonce packet counter ‖ direction bit ‖ IV, and the PDU header without NESN, SN and MD as associated data (Core, Vol 6 Part E). The key: the STK right after pairing.";
    BlePairingDecryptButton => "Déchiffrer", "Decrypt";
    BlePairingKey => "Clé (STK ou LTK, hex, 16 octets, ordre de la spécification)", "Key (STK or LTK, hex, 16 bytes, specification order)";
    BlePairingSkd => "SKD = SKDs ‖ SKDm (hex, 16 octets)", "SKD = SKDs ‖ SKDm (hex, 16 bytes)";
    BlePairingIv => "IV = IVs ‖ IVm (hex, 8 octets)", "IV = IVs ‖ IVm (hex, 8 bytes)";
    BlePairingPdu => "PDU chiffré tel que capturé (en-tête, longueur, charge, MIC)", "Encrypted PDU as captured (header, length, payload, MIC)";
    BlePairingCounter => "Compteur de paquets de cet émetteur", "Packet counter of this sender";
    BlePairingDirection => "Sens", "Direction";
    BlePairingSk => "Clé de session SK = e(clé, SKD)", "Session key SK = e(key, SKD)";
    BlePairingNonce => "Nonce CCM (13 octets)", "CCM nonce (13 bytes)";
    BlePairingMic => "MIC", "MIC";
    BlePairingMicOk => "vérifié : la clé, le compteur, le sens et l'IV sont les bons", "verified: the key, counter, direction and IV are right";
    BlePairingMicBad => "refusé : mauvaise clé, compteur, sens ou IV ; rien n'est déchiffré", "refused: wrong key, counter, direction or IV; nothing is decrypted";
    BlePairingPlaintext => "Charge déchiffrée (en-tête L2CAP et commande SMP)", "Decrypted payload (L2CAP header and SMP command)";
    BlePairingDecoded => "Décodé (valeurs dans l'ordre de la spécification)", "Decoded (values in specification order)";
    BlePairingBadPdu(got) => "le PDU fait {got} octets ou sa longueur ne correspond pas : attendu en-tête (1), longueur (1), charge chiffrée et MIC (4), la longueur comptant charge et MIC", "the PDU is {got} bytes or its length octet disagrees: expected header (1), length (1), encrypted payload and MIC (4), the length counting payload and MIC";
    // (ble entries above this line)

    // ---- Engine protocol-matrix -------------------------------------------------------------
    // (matrix entries above this line)
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
            // One language per value: never "English / French" in one text.
            if fr != en {
                let both = |a: &str, b: &str| a.contains(b) && (a.contains(" / ") || a.contains("/ "));
                assert!(!both(fr, en) && !both(en, fr), "{} shows both languages", m.name());
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
