//! The public-key tools of the workbench: the big-integer calculator (light, on the page), RSA
//! key generation and the RSA schemes (heavy: in the worker, so the page's wasm never links the
//! `rsa` crate and a 3072-bit private operation never blocks the page).

use std::collections::BTreeMap;

use num_bigint::BigInt;

use super::{err, field_label, input, Outputs};
use crate::core::crypto::bigint::{self, parse, parse_modulus};
use crate::core::crypto::rsa_kit;
use crate::core::engines::ToolOutput;
use crate::core::grading::Normalization;
use crate::core::i18n::{Bilingual, L10n};

fn out(fr: &'static str, en: &'static str, value: impl Into<String>) -> ToolOutput {
    ToolOutput { label: L10n { fr, en }, value: value.into() }
}

/// The calculator's operations, in the order of its menu.
pub const BIGINT_OPS: &[&str] = &["modpow", "modinv", "egcd", "crt", "root", "mul", "text"];

fn both(fr: &'static str, en: &'static str, x: &BigInt) -> [ToolOutput; 2] {
    [out(fr, en, x.to_string()), ToolOutput { label: L10n { fr: "… en hexadécimal", en: "… in hex" }, value: bigint::hex(x) }]
}

fn list(text: &str, field: &str) -> Result<Vec<BigInt>, Bilingual> {
    text.split([',', ';', '\n']).filter(|s| !s.trim().is_empty()).map(|s| parse(s, field)).collect()
}

/// The big-integer calculator, shared by the workbench tool `bigint` and the RSA engines.
/// Inputs: `op` (one of [`BIGINT_OPS`]), `x`, `y`, `m`.
pub fn bigint_calc(inputs: &BTreeMap<String, String>) -> Result<Outputs, Bilingual> {
    let op = input(inputs, "op");
    let x = || parse(input(inputs, "x"), "x");
    let y = || parse(input(inputs, "y"), "y");
    let m = || parse_modulus(input(inputs, "m"), "m");
    match op {
        "modpow" => Ok(both("x^y mod m", "x^y mod m", &bigint::modpow(&x()?, &y()?, &m()?)?).to_vec()),
        "modinv" => Ok(both("x⁻¹ mod m", "x⁻¹ mod m", &bigint::modinv(&x()?, &m()?)?).to_vec()),
        "egcd" => {
            let (g, u, v) = bigint::egcd(&x()?, &y()?);
            Ok(vec![out("pgcd(x, y)", "gcd(x, y)", g.to_string()), out("u (u·x + v·y = pgcd)", "u (u·x + v·y = gcd)", u.to_string()), out("v", "v", v.to_string())])
        }
        "crt" => {
            let residues = list(input(inputs, "x"), "x")?;
            let moduli = list(input(inputs, "m"), "m")?;
            if residues.len() != moduli.len() || !(2..=3).contains(&residues.len()) {
                return Err(err(
                    format!("TRC : écrivez 2 ou 3 restes dans x et autant de modules dans m, séparés par des virgules (trouvé : {} et {})", residues.len(), moduli.len()),
                    format!("CRT: write 2 or 3 residues in x and as many moduli in m, separated by commas (found {} and {})", residues.len(), moduli.len()),
                ));
            }
            if let Some(bad) = moduli.iter().find(|n| **n < BigInt::from(2)) {
                return Err(err(format!("chaque module doit valoir au moins 2 (trouvé : {bad})"), format!("each modulus must be at least 2 (found {bad})")));
            }
            let pairs: Vec<_> = residues.into_iter().zip(moduli).collect();
            let (r, n) = bigint::crt(&pairs)?;
            let mut v = both("x (solution unique modulo N)", "x (unique solution mod N)", &r).to_vec();
            v.push(out("N = produit des modules", "N = product of the moduli", n.to_string()));
            Ok(v)
        }
        "root" => {
            let k = y()?;
            let k: u32 = u32::try_from(&k).ok().filter(|k| (1..=1000).contains(k)).ok_or_else(|| err("y est l'indice de la racine : un entier de 1 à 1000", "y is the root's index: a whole number from 1 to 1000"))?;
            let (r, exact) = bigint::iroot(&x()?, k)?;
            let mut v = both("⌊x^(1/y)⌋", "⌊x^(1/y)⌋", &r).to_vec();
            v.push(out("Racine exacte ?", "Exact root?", if exact { "yes / oui" } else { "no / non" }));
            Ok(v)
        }
        "mul" => {
            let product = x()? * y()?;
            match input(inputs, "m").trim() {
                "" => Ok(both("x·y", "x·y", &product).to_vec()),
                _ => Ok(both("x·y mod m", "x·y mod m", &bigint::modulo(&product, &m()?)).to_vec()),
            }
        }
        "text" => {
            let bytes = bigint::to_bytes(&x()?);
            let mut v = vec![out("Octets (hex)", "Bytes (hex)", hex::encode(&bytes))];
            match String::from_utf8(bytes) {
                Ok(t) => v.push(out("Texte UTF-8", "UTF-8 text", t)),
                Err(_) => v.push(out("Texte UTF-8", "UTF-8 text", "not UTF-8 / pas de l'UTF-8")),
            }
            Ok(v)
        }
        other => Err(err(format!("opération inconnue « {other} » ; choisissez : {}", BIGINT_OPS.join(", ")), format!("unknown operation \"{other}\"; choose one of: {}", BIGINT_OPS.join(", ")))),
    }
}

fn hex_number(tool: &str, inputs: &BTreeMap<String, String>, id: &str) -> Result<Vec<u8>, Bilingual> {
    let mut cleaned = Normalization::Hex.apply(input(inputs, id));
    let l = field_label(tool, id);
    if cleaned.is_empty() {
        return Err(err(format!("« {} » est vide", l.fr), format!("\"{}\" is empty", l.en)));
    }
    if cleaned.len() % 2 == 1 {
        cleaned.insert(0, '0');
    }
    hex::decode(&cleaned).map_err(|_| err(format!("« {} » doit être un nombre en hexadécimal (0-9, a-f)", l.fr), format!("\"{}\" must be a hex number (0-9, a-f)", l.en)))
}

fn data(tool: &str, inputs: &BTreeMap<String, String>) -> Result<Vec<u8>, Bilingual> {
    match input(inputs, "encoding") {
        "hex" => {
            let cleaned = Normalization::Hex.apply(input(inputs, "data"));
            hex::decode(&cleaned).map_err(|_| {
                let l = field_label(tool, "data");
                err(format!("« {} » doit être en hexadécimal : un nombre pair de chiffres 0-9 a-f", l.fr), format!("\"{}\" must be hexadecimal: an even number of digits 0-9 a-f", l.en))
            })
        }
        _ => Ok(input(inputs, "data").as_bytes().to_vec()),
    }
}

fn private(tool: &str, inputs: &BTreeMap<String, String>) -> Result<::rsa::PrivateKey, Bilingual> {
    rsa_kit::private_key(&hex_number(tool, inputs, "p")?, &hex_number(tool, inputs, "q")?, &hex_number(tool, inputs, "e")?)
}

fn public(tool: &str, inputs: &BTreeMap<String, String>) -> Result<::rsa::PublicKey, Bilingual> {
    rsa_kit::public_key(&hex_number(tool, inputs, "n")?, &hex_number(tool, inputs, "e")?)
}

fn plaintext_lines(pt: Vec<u8>) -> Outputs {
    let mut v = vec![out("Clair (hex)", "Plaintext (hex)", hex::encode(&pt))];
    if let Ok(t) = String::from_utf8(pt) {
        v.push(out("Clair (UTF-8)", "Plaintext (UTF-8)", t));
    }
    v
}

/// The lines of a generated key, in the order the page shows them.
pub fn key_lines(parts: &rsa_kit::KeyParts) -> Outputs {
    vec![
        out("n = p·q (hex)", "n = p·q (hex)", hex::encode(&parts.n)),
        out("Taille de n", "Size of n", format!("{} bits", bigint::from_bytes(&parts.n).bits())),
        out("e (hex)", "e (hex)", hex::encode(&parts.e)),
        out("d = e⁻¹ mod λ(n) (hex)", "d = e⁻¹ mod λ(n) (hex)", hex::encode(&parts.d)),
        out("p (hex)", "p (hex)", hex::encode(&parts.p)),
        out("q (hex)", "q (hex)", hex::encode(&parts.q)),
        out("dp = d mod (p−1) (hex)", "dp = d mod (p−1) (hex)", hex::encode(&parts.dp)),
        out("dq = d mod (q−1) (hex)", "dq = d mod (q−1) (hex)", hex::encode(&parts.dq)),
        out("qinv = q⁻¹ mod p (hex)", "qinv = q⁻¹ mod p (hex)", hex::encode(&parts.qinv)),
    ]
}

fn bits(inputs: &BTreeMap<String, String>) -> Result<u32, Bilingual> {
    let b = input(inputs, "bits").trim().parse::<u32>().map_err(|_| err("« Taille » doit être un nombre de bits, par exemple 2048", "\"Size\" must be a number of bits, e.g. 2048"))?;
    rsa_kit::check_bits(b)
}

/// How many sieved candidates one worker step tests: about the same time per step whatever the size.
pub fn step_candidates(prime_bits: u32) -> usize {
    match prime_bits {
        0..=384 => 64,
        385..=768 => 16,
        _ => 4,
    }
}

/// The heavy public-key tools (the worker and native tests). `None`: not one of them.
///
/// Besides the tools of the registry, the worker answers two steps of a key generation with
/// progress: `rsa-prime-step` (inputs `bits`: the prime's size; outputs the prime's hex, empty when
/// none was found, then the number of candidates tested) and `rsa-assemble` (inputs `p`, `q`).
pub fn run_heavy(tool: &str, inputs: &BTreeMap<String, String>) -> Option<Result<Outputs, Bilingual>> {
    Some(match tool {
        "rsa-keygen" => bits(inputs).and_then(|b| {
            let mut primes = Vec::new();
            while primes.len() < 2 {
                if let (Some(p), _) = rsa_kit::random_prime_step(b / 2, 1 << 20)? {
                    if primes.first() != Some(&p) {
                        primes.push(p);
                    }
                }
            }
            let key = rsa_kit::private_key(&primes[0], &primes[1], &rsa_kit::F4.to_be_bytes())?;
            Ok(key_lines(&rsa_kit::parts(&key)))
        }),
        "rsa-prime-step" => input(inputs, "bits").parse::<u32>().ok().filter(|b| *b >= 128 && *b <= rsa_kit::MAX_BITS / 2 && b % 8 == 0).map_or_else(
            || Err(err("taille de premier invalide", "invalid prime size")),
            |b| {
                rsa_kit::random_prime_step(b, step_candidates(b))
                    .map(|(p, tested)| vec![out("Premier", "Prime", p.map(hex::encode).unwrap_or_default()), out("Candidats testés", "Candidates tested", tested.to_string())])
            },
        ),
        "rsa-assemble" => (|| {
            let p = hex_number(tool, inputs, "p")?;
            let q = hex_number(tool, inputs, "q")?;
            let key = rsa_kit::private_key(&p, &q, &rsa_kit::F4.to_be_bytes())?;
            Ok(key_lines(&rsa_kit::parts(&key)))
        })(),
        "rsa-oaep" | "rsa-pkcs1v15" => (|| {
            let msg = data(tool, inputs)?;
            let oaep = tool == "rsa-oaep";
            match input(inputs, "operation") {
                "decrypt" => {
                    let key = private(tool, inputs)?;
                    let pt = if oaep { rsa_kit::oaep_decrypt(&key, &msg)? } else { rsa_kit::pkcs1v15_decrypt(&key, &msg)? };
                    Ok(plaintext_lines(pt))
                }
                _ => {
                    let key = public(tool, inputs)?;
                    let ct = if oaep { rsa_kit::oaep_encrypt(&key, &msg)? } else { rsa_kit::pkcs1v15_encrypt(&key, &msg)? };
                    Ok(vec![out("Chiffré (hex)", "Ciphertext (hex)", hex::encode(ct))])
                }
            }
        })(),
        "rsa-pss" => (|| {
            let msg = data(tool, inputs)?;
            match input(inputs, "operation") {
                "verify" => {
                    let key = public(tool, inputs)?;
                    let sig = hex_number(tool, inputs, "signature")?;
                    let ok = rsa_kit::pss_verify(&key, &msg, &sig);
                    Ok(vec![out("Signature valide ?", "Valid signature?", if ok { "yes / oui" } else { "no / non" })])
                }
                _ => {
                    let key = private(tool, inputs)?;
                    Ok(vec![out("Signature (hex)", "Signature (hex)", hex::encode(rsa_kit::pss_sign(&key, &msg)?))])
                }
            }
        })(),
        _ => return None,
    })
}

/// The 2048-bit key of Wycheproof `rsa_oaep_2048_sha256_mgf1sha256_test.json` and
/// `rsa_pss_2048_sha256_mgf1_32_test.json` (C2SP/wycheproof, testvectors_v1): the tools' defaults.
pub const W_N: &str = "a2b451a07d0aa5f96e455671513550514a8a5b462ebef717094fa1fee82224e637f9746d3f7cafd31878d80325b6ef5a1700f65903b469429e89d6eac8845097b5ab393189db92512ed8a7711a1253facd20f79c15e8247f3d3e42e46e48c98e254a2fe9765313a03eff8f17e1a029397a1fa26a8dce26f490ed81299615d9814c22da610428e09c7d9658594266f5c021d0fceca08d945a12be82de4d1ece6b4c03145b5d3495d4ed5411eb878daf05fd7afc3e09ada0f1126422f590975a1969816f48698bcbba1b4d9cae79d460d8f9f85e7975005d9bc22c4e5ac0f7c1a45d12569a62807d3b9a02e5a530e773066f453d1f5b4c2e9cf7820283f742b9d5";
pub const W_P: &str = "dc431050f782e894fb5248247d98cb7d58b8d1e24f3b55d041c56e4de086b0d5bb028bda42eeb5d234d5681e5809d415e6a289ad4cfbf78f978f6c35814f50eebff1c5b80a69f788e81e6bab5ddaa78369d659d143ec6f17e79813a575cfad9c569156b90113e2e9110ad9e7b48a1c9348a6e653321191290ea36cfb3a5b18f1";
pub const W_Q: &str = "bd1a81e7977f9898122273ae3222b598ea5fb19eb4eabc38308a5e32196603b2e500ffb79f5b886816611debc472fac45544070beb057c941378a6868af3b7a03d3f9880ec47d5e089b94fbde542aba9ae8d72c57088d7abf5b131f39098f7bc160f90536abc9492fd4e06f3ed7299d4b97bb03677207d95669f140cfbc20f25";
/// Wycheproof rsa_oaep_2048_sha256_mgf1sha256 tcId 3: decrypts to "Test".
pub const W_OAEP_CT: &str = "5eab3f0741e63986ed647d53e1cd71df041986900803d0f99c68355d249a15a47dc5b4f70a191477654299e5a2731f3b4eec76dea18262fc696ac794e5f66cbfcddac4472c578e246c26707598055584540b839836b1404c5611ae558a984cee8fd036cea924e0be2474a940f61e0acc14fcae95ebdc59942a9ce9af9a9c81999f7f6815f057ffdc2533cb15d6391d1e2d95f16f9c04209c889a4c359c7d2926d28a66e2b030a416b928d2825627998e5191fb4983a6e65024262d94fc09187a2d78162122433251d1bfcc8e507d06eba2d229c10031261da32ab8ccd15f1c5f9fbf07ed158483d736a110af4b44d6a4da60d6cb519b4454213cf9f0dc560f2b";
/// Wycheproof rsa_pss_2048_sha256_mgf1_32 tcId 3: a valid signature of "Test".
pub const W_PSS_SIG: &str = "401eb03cdb47ca88033e3030f6bdecbac8f5c8fc1dd6a13d23d379ed9a2b309891d13d74fea9d21d159b9e6d8f37efa2489962e24555f56dd434ff1d31ce4f9f5abd3f22cbea8b691d6a11e44efb83e2bca155e6a164325e0fde2a8865afd5c9f51161a9d615f62af7ec2e31b3e5ab649c164490d31d88cfae35b84aea7925690f929a144b6d2f48e8fb894a52deecd1b9a6496990c4ecf1588699a42cacd10c53af350514e4291ea9a058e77f101e32c1c0cefa61d945f7bc931f8bd19e7ba3169358a60e5a8b0123bc3199b9fdcafe8e519c41ba675491a27b85e44ef2d77277c10fe107293c8290186913bc9a99b640d8da041b64f31eab1d35920985f4a5";
