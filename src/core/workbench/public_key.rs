//! The public-key tools of the workbench: the big-integer calculator (light), RSA key
//! generation in steps and the RSA schemes (long: in the worker, so the page's wasm never links
//! the `rsa` crate and a 3072-bit private operation never blocks the page).

use num_bigint::BigInt;

use crate::core::crypto::bigint::{self, parse, parse_modulus};
use crate::core::crypto::rsa_kit;
use crate::core::engines::{Job, JobStep};
use crate::core::grading::Normalization;
use crate::core::msg::{Msg, M};
use crate::core::tools::{raw, Inputs, Output, ToolRun, Value};

/// The calculator's operations, in the order of its menu.
pub const BIGINT_OPS: &[&str] = &["modpow", "modinv", "egcd", "crt", "root", "mul", "text"];

/// A result in decimal, then in hex.
fn both(label: M, x: &BigInt) -> Vec<Output> {
    vec![Output::new(label, Value::int(x)), Output::new(M::WbBigintHex, Value::Text(bigint::hex(x)))]
}

fn list(text: &str, field: &str) -> Result<Vec<BigInt>, Msg> {
    text.split([',', ';', '\n']).filter(|s| !s.trim().is_empty()).map(|s| parse(s, field)).collect()
}

fn verdict(ok: bool, yes: fn() -> Msg, no: fn() -> Msg) -> Value {
    Value::Verdict { ok, text: if ok { yes() } else { no() } }
}

/// The big-integer calculator, shared by the workbench tool `bigint` and the RSA engines.
/// Inputs: `op` (one of [`BIGINT_OPS`]), `x`, `y`, `m`.
pub fn bigint_calc(inputs: &Inputs) -> Result<ToolRun, Msg> {
    let op = raw(inputs, "op").trim();
    let x = || parse(raw(inputs, "x"), "x");
    let y = || parse(raw(inputs, "y"), "y");
    let m = || parse_modulus(raw(inputs, "m"), "m");
    let outputs = match op {
        "modpow" => both(M::WbBigintModpow, &bigint::modpow(&x()?, &y()?, &m()?)?),
        "modinv" => both(M::WbBigintModinv, &bigint::modinv(&x()?, &m()?)?),
        "egcd" => {
            let (g, u, v) = bigint::egcd(&x()?, &y()?);
            vec![Output::new(M::WbBigintGcd, Value::int(g)), Output::new(M::WbBigintU, Value::int(u)), Output::new(M::WbBigintV, Value::int(v))]
        }
        "crt" => {
            let residues = list(raw(inputs, "x"), "x")?;
            let moduli = list(raw(inputs, "m"), "m")?;
            if residues.len() != moduli.len() || !(2..=3).contains(&residues.len()) {
                return Err(Msg::WbBigintCrtCount(residues.len(), moduli.len()));
            }
            if let Some(bad) = moduli.iter().find(|n| **n < BigInt::from(2)) {
                return Err(Msg::WbBigintCrtModulus(bad.to_string()));
            }
            let pairs: Vec<_> = residues.into_iter().zip(moduli).collect();
            let (r, n) = bigint::crt(&pairs)?;
            let mut v = both(M::WbBigintCrt, &r);
            v.push(Output::new(M::WbBigintCrtN, Value::int(n)));
            v
        }
        "root" => {
            let k = y()?;
            let k: u32 = u32::try_from(&k).ok().filter(|k| (1..=1000).contains(k)).ok_or_else(Msg::WbBigintRootIndex)?;
            let (r, exact) = bigint::iroot(&x()?, k)?;
            let mut v = both(M::WbBigintRoot, &r);
            v.push(Output::new(M::WbBigintExact, verdict(exact, Msg::WbBigintExactYes, Msg::WbBigintExactNo)));
            v
        }
        "mul" => {
            let product = x()? * y()?;
            match raw(inputs, "m").trim() {
                "" => both(M::WbBigintMul, &product),
                _ => both(M::WbBigintMulMod, &bigint::modulo(&product, &m()?)),
            }
        }
        "text" => {
            let bytes = bigint::to_bytes(&x()?);
            let mut v = vec![Output::new(M::WbBigintBytes, Value::Hex(bytes.clone()))];
            match String::from_utf8(bytes) {
                Ok(t) => v.push(Output::new(M::WbBigintText, Value::Text(t))),
                Err(_) => v.push(Output::new(M::WbBigintText, Value::Msg(Msg::WbBigintNotUtf8()))),
            }
            v
        }
        other => return Err(Msg::WbBigintUnknownOp(other, BIGINT_OPS.join(", "))),
    };
    Ok(outputs.into())
}

/// A hex number (an odd number of digits is fine), naming the field in the error.
fn hex_number(inputs: &Inputs, id: &str, label: M) -> Result<Vec<u8>, Msg> {
    let mut cleaned = Normalization::Hex.apply(raw(inputs, id));
    if cleaned.is_empty() {
        return Err(Msg::FieldEmpty(label));
    }
    if cleaned.len() % 2 == 1 {
        cleaned.insert(0, '0');
    }
    hex::decode(&cleaned).map_err(|_| Msg::WbRsaNotNumber(label))
}

fn data(inputs: &Inputs, label: M) -> Result<Vec<u8>, Msg> {
    match raw(inputs, "encoding") {
        "hex" => hex::decode(Normalization::Hex.apply(raw(inputs, "data"))).map_err(|_| Msg::FieldNotHex(label)),
        _ => Ok(raw(inputs, "data").as_bytes().to_vec()),
    }
}

fn private(inputs: &Inputs) -> Result<::rsa::PrivateKey, Msg> {
    rsa_kit::private_key(&hex_number(inputs, "p", M::WbRsaFieldP)?, &hex_number(inputs, "q", M::WbRsaFieldQ)?, &hex_number(inputs, "e", M::WbRsaFieldE)?)
}

fn public(inputs: &Inputs) -> Result<::rsa::PublicKey, Msg> {
    rsa_kit::public_key(&hex_number(inputs, "n", M::WbRsaFieldN)?, &hex_number(inputs, "e", M::WbRsaFieldE)?)
}

fn plaintext_lines(pt: Vec<u8>) -> Vec<Output> {
    let mut v = vec![Output::new(M::WbRsaPlaintextHex, Value::Hex(pt.clone()))];
    if let Ok(t) = String::from_utf8(pt) {
        v.push(Output::new(M::WbPlaintextUtf8, Value::Text(t)));
    }
    v
}

/// The lines of a generated key, in the order the page shows them. The page finds n, e, p and q
/// by their labels ([`M::WbRsaN`], [`M::WbRsaE`], [`M::WbRsaP`], [`M::WbRsaQ`]) to carry the key
/// into the other RSA tools.
pub fn key_lines(parts: &rsa_kit::KeyParts) -> Vec<Output> {
    vec![
        Output::new(M::WbRsaN, Value::Hex(parts.n.clone())),
        Output::new(M::WbRsaSize, Value::Msg(Msg::WbRsaBits(bigint::from_bytes(&parts.n).bits()))),
        Output::new(M::WbRsaE, Value::Hex(parts.e.clone())),
        Output::new(M::WbRsaD, Value::Hex(parts.d.clone())),
        Output::new(M::WbRsaP, Value::Hex(parts.p.clone())),
        Output::new(M::WbRsaQ, Value::Hex(parts.q.clone())),
        Output::new(M::WbRsaDp, Value::Hex(parts.dp.clone())),
        Output::new(M::WbRsaDq, Value::Hex(parts.dq.clone())),
        Output::new(M::WbRsaQinv, Value::Hex(parts.qinv.clone())),
    ]
}

fn bits(inputs: &Inputs) -> Result<u32, Msg> {
    let b = raw(inputs, "bits").trim().parse::<u32>().map_err(|_| Msg::WbKeygenBitsNotNumber())?;
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

/// The key of two primes and e = 65537.
pub(super) fn assemble(p: &[u8], q: &[u8]) -> Result<ToolRun, Msg> {
    let key = rsa_kit::private_key(p, q, &rsa_kit::F4.to_be_bytes())?;
    Ok(key_lines(&rsa_kit::parts(&key)).into())
}

/// RSA key generation in steps: each step tests a few candidates for the next prime (p, then
/// q), reporting the primes found out of 2 and the candidates tested; the step that finds q
/// assembles the key.
pub(super) struct Keygen {
    prime_bits: u32,
    primes: Vec<Vec<u8>>,
    tested: u64,
}

impl Keygen {
    pub(super) fn new(inputs: &Inputs) -> Result<Keygen, Msg> {
        Ok(Keygen { prime_bits: bits(inputs)? / 2, primes: Vec::new(), tested: 0 })
    }
}

impl Job for Keygen {
    fn step(&mut self) -> JobStep {
        match rsa_kit::random_prime_step(self.prime_bits, step_candidates(self.prime_bits)) {
            Err(e) => return JobStep::Done(Err(e)),
            Ok((found, tested)) => {
                self.tested += tested as u64;
                if let Some(p) = found {
                    if !self.primes.contains(&p) {
                        self.primes.push(p);
                    }
                }
            }
        }
        if self.primes.len() == 2 {
            return JobStep::Done(assemble(&self.primes[0], &self.primes[1]));
        }
        let found = self.primes.len() as u64;
        JobStep::Progress { done: found, total: 2, note: Some(Msg::WbKeygenProgress(self.tested, found)) }
    }
}

/// The RSA schemes (long tools: the job's one step).
pub(super) fn run_scheme(tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
    let outputs = match tool {
        "rsa-oaep" | "rsa-pkcs1v15" => {
            let msg = data(inputs, M::WbRsaData)?;
            let oaep = tool == "rsa-oaep";
            match raw(inputs, "operation") {
                "decrypt" => {
                    let key = private(inputs)?;
                    plaintext_lines(if oaep { rsa_kit::oaep_decrypt(&key, &msg)? } else { rsa_kit::pkcs1v15_decrypt(&key, &msg)? })
                }
                _ => {
                    let key = public(inputs)?;
                    let ct = if oaep { rsa_kit::oaep_encrypt(&key, &msg)? } else { rsa_kit::pkcs1v15_encrypt(&key, &msg)? };
                    vec![Output::new(M::WbCiphertextHex, Value::Hex(ct))]
                }
            }
        }
        "rsa-pss" => {
            let msg = data(inputs, M::WbPssMessage)?;
            match raw(inputs, "operation") {
                "verify" => {
                    let key = public(inputs)?;
                    let sig = hex_number(inputs, "signature", M::WbPssSignature)?;
                    vec![Output::new(M::WbPssValid, verdict(rsa_kit::pss_verify(&key, &msg, &sig), Msg::WbSignatureValid, Msg::WbSignatureInvalid))]
                }
                _ => {
                    let key = private(inputs)?;
                    vec![Output::new(M::WbSignatureHex, Value::Hex(rsa_kit::pss_sign(&key, &msg)?))]
                }
            }
        }
        other => return Err(Msg::UnknownTool(other)),
    };
    Ok(outputs.into())
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
