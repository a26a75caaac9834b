//! What each light workbench tool does, and the password hashes (long: they run as jobs). Every
//! error says which field is wrong and what it accepts.

use aes::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, BlockModeDecrypt, BlockModeEncrypt, KeyInit, KeyIvInit, StreamCipher};
use base64::Engine as _;
use hmac::Mac;

use crate::core::msg::{Msg, M};
use crate::core::tools::{hex_input, hex_or_empty, raw, sized, Inputs, Output, ToolRun, Value};

/// A select field, checked against the options of the tool's description.
fn select(tool: &str, inputs: &Inputs, id: &str) -> Result<&'static str, Msg> {
    super::info(tool).ok_or_else(|| Msg::UnknownTool(tool))?.spec.select(inputs, id)
}

/// A number field, checked against the range of the tool's description.
fn number(tool: &str, inputs: &Inputs, id: &str) -> Result<u64, Msg> {
    super::info(tool).ok_or_else(|| Msg::UnknownTool(tool))?.spec.number(inputs, id)
}

/// A text field read as UTF-8 or hex, as its companion `encoding` field says.
fn data_field(inputs: &Inputs, id: &str, label: M, encoding_id: &str) -> Result<Vec<u8>, Msg> {
    match raw(inputs, encoding_id) {
        "hex" => hex_or_empty(inputs, id, label),
        _ => Ok(raw(inputs, id).as_bytes().to_vec()),
    }
}

fn utf8_line(bytes: &[u8]) -> Option<Output> {
    std::str::from_utf8(bytes).ok().map(|t| Output::new(M::WbPlaintextUtf8, Value::Text(t.to_string())))
}

/// Runs the tools that take milliseconds.
pub fn run_light(tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
    match tool {
        "convert" => convert(inputs),
        "aes" => aes_modes(inputs),
        "aes-gcm" | "chacha20-poly1305" => aead(tool, inputs),
        "hash" => hash(inputs),
        "hmac" => hmac_tool(inputs),
        "hkdf" => hkdf_tool(inputs),
        "bigint" => super::public_key::bigint_calc(inputs),
        "signature" => signature(inputs),
        other => Err(Msg::UnknownTool(other)),
    }
}

fn convert(inputs: &Inputs) -> Result<ToolRun, Msg> {
    let from = select("convert", inputs, "from")?;
    let to = select("convert", inputs, "to")?;
    let text = raw(inputs, "input");
    let bytes = match from {
        "hex" => hex_or_empty(inputs, "input", M::WbConvertInput)?,
        "base64" => base64::engine::general_purpose::STANDARD.decode(text.trim()).map_err(|e| Msg::WbConvertNotBase64(e.to_string()))?,
        _ => text.as_bytes().to_vec(),
    };
    let value = match to {
        "hex" => Value::Hex(bytes.clone()),
        "base64" => Value::Text(base64::engine::general_purpose::STANDARD.encode(&bytes)),
        _ => Value::Text(String::from_utf8(bytes.clone()).map_err(|_| Msg::WbConvertNotUtf8())?),
    };
    Ok(vec![Output::new(M::WbConvertResult, value), Output::new(M::WbConvertLength, Value::Msg(Msg::WbConvertByteCount(crate::core::msg::Arg::bytes(bytes.len()))))].into())
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

fn aes_key(inputs: &Inputs) -> Result<(AesKey, Vec<u8>), Msg> {
    let key = sized(hex_input(inputs, "key", M::WbAesKey)?, M::WbAesKey, &[16, 24, 32])?;
    let k = match key.len() {
        16 => AesKey::A128(aes::Aes128::new_from_slice(&key).expect("16 bytes")),
        24 => AesKey::A192(aes::Aes192::new_from_slice(&key).expect("24 bytes")),
        _ => AesKey::A256(aes::Aes256::new_from_slice(&key).expect("32 bytes")),
    };
    Ok((k, key))
}

fn aes_modes(inputs: &Inputs) -> Result<ToolRun, Msg> {
    let t = "aes";
    let op = select(t, inputs, "operation")?;
    let mode = select(t, inputs, "mode")?;
    let pad = select(t, inputs, "padding")? == "pkcs7" && mode != "ctr";
    let (cipher, key) = aes_key(inputs)?;
    let iv: [u8; 16] = if mode == "ecb" { [0; 16] } else { sized(hex_input(inputs, "iv", M::WbAesIv)?, M::WbAesIv, &[16])?.try_into().expect("16 bytes") };
    let data = hex_or_empty(inputs, "data", M::WbAesData)?;
    if !pad && mode != "ctr" && (data.is_empty() || data.len() % 16 != 0) {
        return Err(Msg::WbAesUnpaddedSize(data.len()));
    }
    let result: Result<Vec<u8>, Msg> = match (mode, op) {
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
            if pad {
                unpad(buf)
            } else {
                Ok(buf)
            }
        }
    };
    let bytes = result?;
    let label = if op == "encrypt" { M::WbAesCiphertext } else { M::WbAesPlaintext };
    let mut outputs = vec![Output::new(label, Value::Blocks(bytes.clone()))];
    if op == "decrypt" {
        outputs.extend(utf8_line(&bytes));
    }
    Ok(outputs.into())
}

fn not_blocks(n: usize) -> Msg {
    Msg::WbAesNotBlocks(n)
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

fn unpad(mut buf: Vec<u8>) -> Result<Vec<u8>, Msg> {
    let n = *buf.last().unwrap_or(&0) as usize;
    if n == 0 || n > 16 || n > buf.len() || !buf[buf.len() - n..].iter().all(|b| *b as usize == n) {
        return Err(Msg::WbAesBadPadding());
    }
    buf.truncate(buf.len() - n);
    Ok(buf)
}

fn aead(tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
    use aes_gcm::aead::{Aead, Payload};
    let op = select(tool, inputs, "operation")?;
    let (key_label, key_sizes): (M, &[usize]) = if tool == "aes-gcm" { (M::WbAesKey, &[16, 24, 32]) } else { (M::WbAeadKey32, &[32]) };
    let key = sized(hex_input(inputs, "key", key_label)?, key_label, key_sizes)?;
    let nonce: [u8; 12] = sized(hex_input(inputs, "nonce", M::WbAeadNonce)?, M::WbAeadNonce, &[12])?.try_into().expect("12 bytes");
    let aad = hex_or_empty(inputs, "aad", M::WbAeadAad)?;
    let data = hex_or_empty(inputs, "data", M::WbAeadData)?;
    if op == "decrypt" && data.len() < 16 {
        return Err(Msg::WbAeadNoTag(data.len()));
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
            Ok(vec![Output::new(M::WbCiphertextHex, Value::Hex(body.to_vec())), Output::new(M::WbAeadTag, Value::Hex(tag.to_vec())), Output::new(M::WbAeadSealed, Value::Hex(ct.clone()))].into())
        }
        (_, Ok(pt)) => {
            let mut v = vec![Output::new(M::WbAeadAuthentic, Value::Hex(pt.clone()))];
            v.extend(utf8_line(&pt));
            Ok(v.into())
        }
        ("encrypt", Err(_)) => Err(Msg::WbAeadTooLong()),
        (_, Err(_)) => Err(Msg::WbAeadRejected()),
    }
}

fn signature(inputs: &Inputs) -> Result<ToolRun, Msg> {
    const T: &str = "signature";
    let algorithm = select(T, inputs, "algorithm")?;
    let message = data_field(inputs, "message", M::WbSignatureMessage, "encoding")?;
    let key = hex_input(inputs, "key", M::WbSignatureKey)?;
    let ed = algorithm == "ed25519";
    let to_err = |e: crate::core::crypto::CryptoError| e.msg();
    if select(T, inputs, "operation")? == "sign" {
        let key = sized(key, M::WbSignatureKey, &[32])?;
        let (signature, public) = if ed {
            (crate::core::crypto::ed25519_sign(&key, &message).map_err(to_err)?.to_vec(), crate::core::crypto::ed25519_public(&key).map_err(to_err)?.to_vec())
        } else {
            (crate::core::crypto::ecdsa_p256_sign(&key, &message).map_err(to_err)?.to_vec(), crate::core::crypto::p256_public(&key).map_err(to_err)?)
        };
        return Ok(vec![Output::new(M::WbSignatureHex, Value::Hex(signature)), Output::new(M::WbSignaturePublic, Value::Hex(public))].into());
    }
    let key = sized(key, M::WbSignatureKey, if ed { &[32] } else { &[65] })?;
    let signature = sized(hex_input(inputs, "signature", M::WbSignatureSignature)?, M::WbSignatureSignature, &[64])?;
    let valid = if ed { crate::core::crypto::ed25519_verify(&key, &message, &signature) } else { crate::core::crypto::ecdsa_p256_verify(&key, &message, &signature) };
    let text = if valid { Msg::WbSignatureValid() } else { Msg::WbSignatureInvalid() };
    Ok(vec![Output::new(M::WbSignatureVerdict, Value::Verdict { ok: valid, text })].into())
}

fn hash(inputs: &Inputs) -> Result<ToolRun, Msg> {
    use sha2::Digest;
    let data = data_field(inputs, "data", M::WbHashData, "encoding")?;
    let digest = match select("hash", inputs, "algorithm")? {
        "sha-512" => sha2::Sha512::digest(&data).to_vec(),
        _ => sha2::Sha256::digest(&data).to_vec(),
    };
    Ok(vec![Output::new(M::WbHashDigest, Value::Hex(digest))].into())
}

fn hmac_tool(inputs: &Inputs) -> Result<ToolRun, Msg> {
    let key = data_field(inputs, "key", M::WbHmacKey, "key_encoding")?;
    let data = data_field(inputs, "data", M::WbHashData, "encoding")?;
    let tag = match select("hmac", inputs, "algorithm")? {
        "sha-512" => {
            let mut m = hmac::Hmac::<sha2::Sha512>::new_from_slice(&key).expect("any key length");
            m.update(&data);
            m.finalize().into_bytes().to_vec()
        }
        _ => crate::core::crypto::hmac_sha256(&key, &data).to_vec(),
    };
    Ok(vec![Output::new(M::WbHmacTag, Value::Hex(tag))].into())
}

fn hkdf_tool(inputs: &Inputs) -> Result<ToolRun, Msg> {
    let salt = hex_or_empty(inputs, "salt", M::WbHkdfSalt)?;
    let ikm = hex_or_empty(inputs, "ikm", M::HkdfIkm)?;
    let info = data_field(inputs, "info", M::WbHkdfInfo, "info_encoding")?;
    let length = number("hkdf", inputs, "length")? as usize;
    let okm = crate::core::crypto::hkdf_sha256(&salt, &ikm, &info, length).map_err(|e| e.msg())?;
    Ok(vec![Output::new(M::HkdfPrk, Value::Hex(crate::core::crypto::hkdf_sha256_extract(&salt, &ikm).to_vec())), Output::new(M::WbHkdfOkm, Value::Hex(okm))].into())
}

pub(super) fn pbkdf2_tool(inputs: &Inputs) -> Result<ToolRun, Msg> {
    let password = raw(inputs, "password").as_bytes();
    let salt = raw(inputs, "salt").as_bytes();
    let iterations = number("pbkdf2", inputs, "iterations")? as u32;
    let mut key = vec![0u8; number("pbkdf2", inputs, "length")? as usize];
    match select("pbkdf2", inputs, "algorithm")? {
        "sha-512" => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(password, salt, iterations, &mut key),
        _ => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, salt, iterations, &mut key),
    }
    Ok(vec![Output::new(M::WbPbkdf2Key, Value::Hex(key))].into())
}

/// Argon2 with optional secret and associated data (RFC 9106 uses both in its vectors).
#[allow(clippy::too_many_arguments)]
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

pub(super) fn argon2_tool(inputs: &Inputs) -> Result<ToolRun, Msg> {
    let t = "argon2";
    let variant = select(t, inputs, "variant")?;
    let password = data_field(inputs, "password", M::WbArgon2Password, "encoding")?;
    let salt = data_field(inputs, "salt", M::WbArgon2Salt, "encoding")?;
    let secret = hex_or_empty(inputs, "secret", M::WbArgon2Secret)?;
    let ad = hex_or_empty(inputs, "ad", M::WbArgon2Ad)?;
    if salt.len() < 8 {
        return Err(Msg::WbArgon2ShortSalt(salt.len()));
    }
    let m = number(t, inputs, "memory")? as u32;
    let passes = number(t, inputs, "iterations")? as u32;
    let p = number(t, inputs, "parallelism")? as u32;
    if m < 8 * p {
        return Err(Msg::WbArgon2LowMemory(8 * p));
    }
    let len = number(t, inputs, "length")? as usize;
    let tag = argon2_raw(variant, &password, &salt, &secret, &ad, m, passes, p, len).map_err(Msg::WbArgon2Refused)?;
    Ok(vec![Output::new(M::WbArgon2Tag, Value::Hex(tag))].into())
}
