//! What each workbench tool does. Every error says which field is wrong and what it accepts.

use std::collections::BTreeMap;

use aes::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, BlockModeDecrypt, BlockModeEncrypt, KeyInit, KeyIvInit, StreamCipher};
use base64::Engine as _;
use hmac::Mac;

use super::{err, field_label, info, input, Outputs};
use crate::core::engines::ToolOutput;
use crate::core::grading::Normalization;
use crate::core::i18n::{Bilingual, L10n};

fn out(fr: &'static str, en: &'static str, value: impl Into<String>) -> ToolOutput {
    ToolOutput { label: L10n { fr, en }, value: value.into() }
}

fn hex_field(tool: &str, inputs: &BTreeMap<String, String>, id: &str) -> Result<Vec<u8>, Bilingual> {
    let cleaned = Normalization::Hex.apply(input(inputs, id));
    hex::decode(&cleaned).map_err(|_| {
        let l = field_label(tool, id);
        err(
            format!("« {} » doit être en hexadécimal : un nombre pair de chiffres 0-9 a-f", l.fr),
            format!("\"{}\" must be hexadecimal: an even number of digits 0-9 a-f", l.en),
        )
    })
}

/// A text field read as UTF-8 or hex, as its companion `encoding` field says.
fn data_field(tool: &str, inputs: &BTreeMap<String, String>, id: &str, encoding_id: &str) -> Result<Vec<u8>, Bilingual> {
    match input(inputs, encoding_id) {
        "hex" => hex_field(tool, inputs, id),
        _ => Ok(input(inputs, id).as_bytes().to_vec()),
    }
}

fn number(tool: &str, inputs: &BTreeMap<String, String>, id: &str) -> Result<u64, Bilingual> {
    let (min, max) = match info(tool).and_then(|t| t.fields.iter().find(|f| f.id == id)).map(|f| f.kind) {
        Some(super::FieldKind::Number { min, max }) => (min, max),
        _ => (0, u64::MAX),
    };
    let text: String = input(inputs, id).chars().filter(|c| !c.is_whitespace() && *c != '_' && *c != ',').collect();
    match text.parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => {
            let l = field_label(tool, id);
            Err(err(
                format!("« {} » doit être un entier de {min} à {max}", l.fr),
                format!("\"{}\" must be a whole number from {min} to {max}", l.en),
            ))
        }
    }
}

fn select<'a>(tool: &str, inputs: &'a BTreeMap<String, String>, id: &str) -> Result<&'a str, Bilingual> {
    let value = input(inputs, id);
    let allowed = match info(tool).and_then(|t| t.fields.iter().find(|f| f.id == id)).map(|f| f.kind) {
        Some(super::FieldKind::Select(options)) => options,
        _ => &[][..],
    };
    if allowed.contains(&value) {
        Ok(value)
    } else {
        let l = field_label(tool, id);
        Err(err(format!("« {} » doit valoir : {}", l.fr, allowed.join(", ")), format!("\"{}\" must be one of: {}", l.en, allowed.join(", "))))
    }
}

fn sized(tool: &str, id: &str, bytes: Vec<u8>, sizes: &[usize]) -> Result<Vec<u8>, Bilingual> {
    if sizes.contains(&bytes.len()) {
        return Ok(bytes);
    }
    let l = field_label(tool, id);
    let list = sizes.iter().map(usize::to_string).collect::<Vec<_>>();
    let (fr, en) = match list.len() {
        1 => (list[0].clone(), list[0].clone()),
        _ => (format!("{} ou {}", list[..list.len() - 1].join(", "), list[list.len() - 1]), format!("{} or {}", list[..list.len() - 1].join(", "), list[list.len() - 1])),
    };
    Err(err(
        format!("« {} » fait {} octet(s) ; valeurs possibles : {fr} octets", l.fr, bytes.len()),
        format!("\"{}\" is {} byte(s); valid sizes: {en} bytes", l.en, bytes.len()),
    ))
}

fn blocks(bytes: &[u8]) -> String {
    crate::core::engines::hex_blocks(bytes)
}

/// Runs any tool (the worker, and native tests).
pub fn run(tool: &str, inputs: &BTreeMap<String, String>) -> Result<Outputs, Bilingual> {
    match tool {
        "pbkdf2" => pbkdf2_tool(inputs),
        "argon2" => argon2_tool(inputs),
        // A 2048-bit modular power takes tens of milliseconds in wasm: off the page.
        "ffdh" => super::ffdh::run(inputs),
        _ => super::public_key::run_heavy(tool, inputs).unwrap_or_else(|| run_light(tool, inputs)),
    }
}

/// Runs the tools that take milliseconds; the page calls this one, so its wasm never links the
/// heavy key-derivation functions.
pub fn run_light(tool: &str, inputs: &BTreeMap<String, String>) -> Result<Outputs, Bilingual> {
    match tool {
        "convert" => convert(inputs),
        "aes" => aes_modes(inputs),
        "aes-gcm" | "chacha20-poly1305" => aead(tool, inputs),
        "hash" => hash(inputs),
        "hmac" => hmac_tool(inputs),
        "hkdf" => hkdf_tool(inputs),
        "bigint" => super::public_key::bigint_calc(inputs),
        "signature" => signature(inputs),
        "pbkdf2" | "argon2" | "ffdh" | "rsa-keygen" | "rsa-oaep" | "rsa-pkcs1v15" | "rsa-pss" => Err(err("cet outil tourne dans le worker", "this tool runs in the worker")),
        other => Err(crate::core::engines::unknown_tool(other)),
    }
}

fn convert(inputs: &BTreeMap<String, String>) -> Result<Outputs, Bilingual> {
    let from = select("convert", inputs, "from")?;
    let to = select("convert", inputs, "to")?;
    let text = input(inputs, "input");
    let bytes = match from {
        "hex" => hex_field("convert", inputs, "input")?,
        "base64" => base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map_err(|e| err(format!("ce n'est pas du base64 valide ({e})"), format!("this is not valid base64 ({e})")))?,
        _ => text.as_bytes().to_vec(),
    };
    let value = match to {
        "hex" => hex::encode(&bytes),
        "base64" => base64::engine::general_purpose::STANDARD.encode(&bytes),
        _ => String::from_utf8(bytes.clone()).map_err(|_| {
            err("ces octets ne forment pas un texte UTF-8 valide ; choisissez hex ou base64", "these bytes are not valid UTF-8 text; choose hex or base64")
        })?,
    };
    Ok(vec![out("Résultat", "Result", value), out("Longueur", "Length", format!("{} B", bytes.len()))])
}

enum AesKey {
    A128(aes::Aes128),
    A192(aes::Aes192),
    A256(aes::Aes256),
}

macro_rules! with_aes {
    ($key:expr, $c:ident => $body:expr) => {
        match $key {
            AesKey::A128($c) => $body,
            AesKey::A192($c) => $body,
            AesKey::A256($c) => $body,
        }
    };
}

fn aes_key(tool: &str, inputs: &BTreeMap<String, String>) -> Result<(AesKey, Vec<u8>), Bilingual> {
    let key = sized(tool, "key", hex_field(tool, inputs, "key")?, &[16, 24, 32])?;
    let k = match key.len() {
        16 => AesKey::A128(aes::Aes128::new_from_slice(&key).expect("16 bytes")),
        24 => AesKey::A192(aes::Aes192::new_from_slice(&key).expect("24 bytes")),
        _ => AesKey::A256(aes::Aes256::new_from_slice(&key).expect("32 bytes")),
    };
    Ok((k, key))
}

fn aes_modes(inputs: &BTreeMap<String, String>) -> Result<Outputs, Bilingual> {
    let t = "aes";
    let op = select(t, inputs, "operation")?;
    let mode = select(t, inputs, "mode")?;
    let pad = select(t, inputs, "padding")? == "pkcs7" && mode != "ctr";
    let (cipher, key) = aes_key(t, inputs)?;
    let iv: [u8; 16] = if mode == "ecb" { [0; 16] } else { sized(t, "iv", hex_field(t, inputs, "iv")?, &[16])?.try_into().expect("16 bytes") };
    let data = hex_field(t, inputs, "data")?;
    if !pad && mode != "ctr" && (data.is_empty() || data.len() % 16 != 0) {
        return Err(err(
            format!("les données font {} octets : sans bourrage, ECB et CBC demandent un multiple de 16 octets ; choisissez le bourrage pkcs7", data.len()),
            format!("the data is {} bytes: without padding, ECB and CBC need a multiple of 16 bytes; choose pkcs7 padding", data.len()),
        ));
    }
    let result: Result<Vec<u8>, Bilingual> = match (mode, op) {
        ("ctr", _) => {
            let mut buf = data.clone();
            match key.len() {
                16 => ctr::Ctr128BE::<aes::Aes128>::new_from_slices(&key, &iv).expect("sizes checked").apply_keystream(&mut buf),
                24 => ctr::Ctr128BE::<aes::Aes192>::new_from_slices(&key, &iv).expect("sizes checked").apply_keystream(&mut buf),
                _ => ctr::Ctr128BE::<aes::Aes256>::new_from_slices(&key, &iv).expect("sizes checked").apply_keystream(&mut buf),
            }
            Ok(buf)
        }
        ("ecb", "encrypt") => with_aes!(&cipher, c => {
            let padded = if pad { crate::core::crypto::pkcs7_pad(&data) } else { data.clone() };
            let mut buf = padded;
            for chunk in buf.chunks_exact_mut(16) { c.encrypt_block(<&mut [u8; 16]>::try_from(chunk).expect("16").into()); }
            Ok(buf)
        }),
        ("ecb", _) => with_aes!(&cipher, c => {
            if data.is_empty() || data.len() % 16 != 0 { return Err(not_blocks(data.len())); }
            let mut buf = data.clone();
            for chunk in buf.chunks_exact_mut(16) { c.decrypt_block(<&mut [u8; 16]>::try_from(chunk).expect("16").into()); }
            if pad { unpad(buf) } else { Ok(buf) }
        }),
        ("cbc", "encrypt") => {
            let padded = if pad { crate::core::crypto::pkcs7_pad(&data) } else { data.clone() };
            let mut buf = padded;
            cbc_encrypt(&key, &iv, &mut buf);
            Ok(buf)
        }
        _ => {
            if data.is_empty() || data.len() % 16 != 0 {
                return Err(not_blocks(data.len()));
            }
            let mut buf = data.clone();
            cbc_decrypt(&key, &iv, &mut buf);
            if pad { unpad(buf) } else { Ok(buf) }
        }
    };
    let bytes = result?;
    let label = if op == "encrypt" { ("Chiffré (hex, par blocs)", "Ciphertext (hex, by block)") } else { ("Clair (hex, par blocs)", "Plaintext (hex, by block)") };
    let mut outputs = vec![out(label.0, label.1, blocks(&bytes))];
    if op == "decrypt" {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            outputs.push(out("Clair (UTF-8)", "Plaintext (UTF-8)", text));
        }
    }
    Ok(outputs)
}

fn not_blocks(n: usize) -> Bilingual {
    err(
        format!("le chiffré fait {n} octets ; ECB et CBC déchiffrent des blocs entiers de 16 octets"),
        format!("the ciphertext is {n} bytes; ECB and CBC decrypt whole 16-byte blocks"),
    )
}

macro_rules! cbc_blocks {
    ($mode:ident, $method:ident, $cipher:ty, $key:expr, $iv:expr, $buf:expr) => {{
        let mut m = cbc::$mode::<$cipher>::new_from_slices($key, $iv).expect("sizes checked");
        for chunk in $buf.chunks_exact_mut(16) {
            m.$method(<&mut [u8; 16]>::try_from(chunk).expect("16").into());
        }
    }};
}

fn cbc_encrypt(key: &[u8], iv: &[u8; 16], buf: &mut [u8]) {
    match key.len() {
        16 => cbc_blocks!(Encryptor, encrypt_block, aes::Aes128, key, iv, buf),
        24 => cbc_blocks!(Encryptor, encrypt_block, aes::Aes192, key, iv, buf),
        _ => cbc_blocks!(Encryptor, encrypt_block, aes::Aes256, key, iv, buf),
    }
}

fn cbc_decrypt(key: &[u8], iv: &[u8; 16], buf: &mut [u8]) {
    match key.len() {
        16 => cbc_blocks!(Decryptor, decrypt_block, aes::Aes128, key, iv, buf),
        24 => cbc_blocks!(Decryptor, decrypt_block, aes::Aes192, key, iv, buf),
        _ => cbc_blocks!(Decryptor, decrypt_block, aes::Aes256, key, iv, buf),
    }
}

fn unpad(mut buf: Vec<u8>) -> Result<Vec<u8>, Bilingual> {
    let n = *buf.last().unwrap_or(&0) as usize;
    if n == 0 || n > 16 || n > buf.len() || !buf[buf.len() - n..].iter().all(|b| *b as usize == n) {
        return Err(err(
            "bourrage PKCS#7 invalide : mauvaise clé, mauvais IV, chiffré modifié, ou données sans bourrage (choisissez « none »)",
            "invalid PKCS#7 padding: wrong key, wrong IV, tampered ciphertext, or unpadded data (choose \"none\")",
        ));
    }
    buf.truncate(buf.len() - n);
    Ok(buf)
}

fn aead(tool: &str, inputs: &BTreeMap<String, String>) -> Result<Outputs, Bilingual> {
    use aes_gcm::aead::{Aead, Payload};
    let op = select(tool, inputs, "operation")?;
    let key_sizes: &[usize] = if tool == "aes-gcm" { &[16, 24, 32] } else { &[32] };
    let key = sized(tool, "key", hex_field(tool, inputs, "key")?, key_sizes)?;
    let nonce: [u8; 12] = sized(tool, "nonce", hex_field(tool, inputs, "nonce")?, &[12])?.try_into().expect("12 bytes");
    let aad = hex_field(tool, inputs, "aad")?;
    let data = hex_field(tool, inputs, "data")?;
    if op == "decrypt" && data.len() < 16 {
        return Err(err(
            format!("il faut au moins les 16 octets de l'étiquette ; « données » en fait {}", data.len()),
            format!("at least the 16-byte tag is needed; \"data\" is {} bytes", data.len()),
        ));
    }
    let payload = Payload { msg: &data, aad: &aad };
    let nonce_ref = (&nonce).into();
    let result = match (tool, key.len(), op) {
        ("aes-gcm", 16, "encrypt") => aes_gcm::Aes128Gcm::new_from_slice(&key).expect("16").encrypt(nonce_ref, payload),
        ("aes-gcm", 16, _) => aes_gcm::Aes128Gcm::new_from_slice(&key).expect("16").decrypt(nonce_ref, payload),
        ("aes-gcm", 24, "encrypt") => aes_gcm::AesGcm::<aes::Aes192, aes_gcm::aead::consts::U12>::new_from_slice(&key).expect("24").encrypt(nonce_ref, payload),
        ("aes-gcm", 24, _) => aes_gcm::AesGcm::<aes::Aes192, aes_gcm::aead::consts::U12>::new_from_slice(&key).expect("24").decrypt(nonce_ref, payload),
        ("aes-gcm", _, "encrypt") => aes_gcm::Aes256Gcm::new_from_slice(&key).expect("32").encrypt(nonce_ref, payload),
        ("aes-gcm", _, _) => aes_gcm::Aes256Gcm::new_from_slice(&key).expect("32").decrypt(nonce_ref, payload),
        (_, _, "encrypt") => chacha20poly1305::ChaCha20Poly1305::new_from_slice(&key).expect("32").encrypt(nonce_ref, payload),
        _ => chacha20poly1305::ChaCha20Poly1305::new_from_slice(&key).expect("32").decrypt(nonce_ref, payload),
    };
    match (op, result) {
        ("encrypt", Ok(ct)) => {
            let (body, tag) = ct.split_at(ct.len() - 16);
            Ok(vec![out("Chiffré (hex)", "Ciphertext (hex)", hex::encode(body)), out("Étiquette (hex)", "Tag (hex)", hex::encode(tag)), out("Chiffré‖étiquette", "Ciphertext‖tag", hex::encode(&ct))])
        }
        (_, Ok(pt)) => {
            let mut v = vec![out("Authentique. Clair (hex)", "Authentic. Plaintext (hex)", hex::encode(&pt))];
            if let Ok(text) = String::from_utf8(pt) {
                v.push(out("Clair (UTF-8)", "Plaintext (UTF-8)", text));
            }
            Ok(v)
        }
        ("encrypt", Err(_)) => Err(err("le message est trop long pour cet AEAD", "the message is too long for this AEAD")),
        (_, Err(_)) => Err(err(
            "rejeté : l'étiquette ne correspond pas. Le chiffré, les données associées, le nonce ou la clé ont changé ; aucun clair n'est rendu.",
            "rejected: the tag does not match. The ciphertext, associated data, nonce or key changed; no plaintext is released.",
        )),
    }
}

fn signature(inputs: &BTreeMap<String, String>) -> Result<Outputs, Bilingual> {
    const T: &str = "signature";
    let algorithm = select(T, inputs, "algorithm")?;
    let message = data_field(T, inputs, "message", "encoding")?;
    let key = hex_field(T, inputs, "key")?;
    let ed = algorithm == "ed25519";
    let to_err = crate::core::engines::crypto_error;
    if select(T, inputs, "operation")? == "sign" {
        let key = sized(T, "key", key, &[32])?;
        let (signature, public) = if ed {
            (crate::core::crypto::ed25519_sign(&key, &message).map_err(to_err)?.to_vec(), crate::core::crypto::ed25519_public(&key).map_err(to_err)?.to_vec())
        } else {
            (crate::core::crypto::ecdsa_p256_sign(&key, &message).map_err(to_err)?.to_vec(), crate::core::crypto::p256_public(&key).map_err(to_err)?)
        };
        return Ok(vec![out("Signature (hex)", "Signature (hex)", hex::encode(signature)), out("Clé publique (hex)", "Public key (hex)", hex::encode(public))]);
    }
    let key = sized(T, "key", key, if ed { &[32] } else { &[65] })?;
    let signature = sized(T, "signature", hex_field(T, inputs, "signature")?, &[64])?;
    let valid = if ed { crate::core::crypto::ed25519_verify(&key, &message, &signature) } else { crate::core::crypto::ecdsa_p256_verify(&key, &message, &signature) };
    Ok(vec![out("Verdict", "Verdict", if valid { "VALID / VALIDE" } else { "INVALID / INVALIDE" })])
}

fn hash(inputs: &BTreeMap<String, String>) -> Result<Outputs, Bilingual> {
    use sha2::Digest;
    let data = data_field("hash", inputs, "data", "encoding")?;
    let digest = match select("hash", inputs, "algorithm")? {
        "sha-512" => sha2::Sha512::digest(&data).to_vec(),
        _ => sha2::Sha256::digest(&data).to_vec(),
    };
    Ok(vec![out("Empreinte (hex)", "Digest (hex)", hex::encode(digest))])
}

fn hmac_tool(inputs: &BTreeMap<String, String>) -> Result<Outputs, Bilingual> {
    let key = data_field("hmac", inputs, "key", "key_encoding")?;
    let data = data_field("hmac", inputs, "data", "encoding")?;
    let tag = match select("hmac", inputs, "algorithm")? {
        "sha-512" => {
            let mut m = hmac::Hmac::<sha2::Sha512>::new_from_slice(&key).expect("any key length");
            m.update(&data);
            m.finalize().into_bytes().to_vec()
        }
        _ => crate::core::crypto::hmac_sha256(&key, &data).to_vec(),
    };
    Ok(vec![out("Étiquette HMAC (hex)", "HMAC tag (hex)", hex::encode(tag))])
}

fn hkdf_tool(inputs: &BTreeMap<String, String>) -> Result<Outputs, Bilingual> {
    let salt = hex_field("hkdf", inputs, "salt")?;
    let ikm = hex_field("hkdf", inputs, "ikm")?;
    let info = data_field("hkdf", inputs, "info", "info_encoding")?;
    let length = number("hkdf", inputs, "length")? as usize;
    let okm = crate::core::crypto::hkdf_sha256(&salt, &ikm, &info, length).map_err(crate::core::engines::crypto_error)?;
    Ok(vec![out("PRK (Extract)", "PRK (Extract)", hex::encode(crate::core::crypto::hkdf_sha256_extract(&salt, &ikm))), out("OKM (Expand)", "OKM (Expand)", hex::encode(okm))])
}

fn pbkdf2_tool(inputs: &BTreeMap<String, String>) -> Result<Outputs, Bilingual> {
    let password = input(inputs, "password").as_bytes();
    let salt = input(inputs, "salt").as_bytes();
    let iterations = number("pbkdf2", inputs, "iterations")? as u32;
    let mut key = vec![0u8; number("pbkdf2", inputs, "length")? as usize];
    match select("pbkdf2", inputs, "algorithm")? {
        "sha-512" => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(password, salt, iterations, &mut key),
        _ => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, salt, iterations, &mut key),
    }
    Ok(vec![out("Clé dérivée (hex)", "Derived key (hex)", hex::encode(key))])
}

/// Argon2 with optional secret and associated data (RFC 9106 uses both in its vectors).
pub fn argon2_raw(variant: &str, password: &[u8], salt: &[u8], secret: &[u8], ad: &[u8], m: u32, t: u32, p: u32, len: usize) -> Result<Vec<u8>, String> {
    let algorithm = match variant {
        "argon2i" => argon2::Algorithm::Argon2i,
        "argon2d" => argon2::Algorithm::Argon2d,
        _ => argon2::Algorithm::Argon2id,
    };
    let mut builder = argon2::ParamsBuilder::new();
    builder.m_cost(m).t_cost(t).p_cost(p).output_len(len);
    if !ad.is_empty() {
        builder.data(argon2::AssociatedData::new(ad).map_err(|e| e.to_string())?);
    }
    let params = builder.build().map_err(|e| e.to_string())?;
    let ctx = if secret.is_empty() {
        argon2::Argon2::new(algorithm, argon2::Version::V0x13, params)
    } else {
        argon2::Argon2::new_with_secret(secret, algorithm, argon2::Version::V0x13, params).map_err(|e| e.to_string())?
    };
    let mut out = vec![0u8; len];
    ctx.hash_password_into(password, salt, &mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

fn argon2_tool(inputs: &BTreeMap<String, String>) -> Result<Outputs, Bilingual> {
    let t = "argon2";
    let variant = select(t, inputs, "variant")?;
    let password = data_field(t, inputs, "password", "encoding")?;
    let salt = data_field(t, inputs, "salt", "encoding")?;
    let secret = hex_field(t, inputs, "secret")?;
    let ad = hex_field(t, inputs, "ad")?;
    if salt.len() < 8 {
        return Err(err(format!("le sel fait {} octets ; Argon2 en demande au moins 8", salt.len()), format!("the salt is {} bytes; Argon2 needs at least 8", salt.len())));
    }
    let m = number(t, inputs, "memory")? as u32;
    let passes = number(t, inputs, "iterations")? as u32;
    let p = number(t, inputs, "parallelism")? as u32;
    if m < 8 * p {
        return Err(err(format!("la mémoire doit valoir au moins 8 × parallélisme = {} Kio", 8 * p), format!("memory must be at least 8 × parallelism = {} KiB", 8 * p)));
    }
    let len = number(t, inputs, "length")? as usize;
    let tag = argon2_raw(variant, &password, &salt, &secret, &ad, m, passes, p, len).map_err(|e| err(format!("Argon2 a refusé ces paramètres : {e}"), format!("Argon2 refused these parameters: {e}")))?;
    Ok(vec![out("Étiquette (hex)", "Tag (hex)", hex::encode(tag))])
}
