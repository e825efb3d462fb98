//! Encryption of stored files: ChaCha20-Poly1305 under the installation's 256-bit file key, a fresh
//! random nonce per file, the attachment's id as associated data (a ciphertext moved to another row does
//! not decrypt). The key comes from configuration and never reaches the database.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};

/// The file key. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct FileKey([u8; 32]);

impl std::fmt::Debug for FileKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FileKey(…)")
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyError {
    #[error("the file key must be 64 hexadecimal characters (32 bytes)")]
    Format,
}

impl FileKey {
    /// From 64 hexadecimal characters.
    pub fn from_hex(s: &str) -> Result<FileKey, KeyError> {
        let bytes = hex::decode(s.trim()).map_err(|_| KeyError::Format)?;
        <[u8; 32]>::try_from(bytes.as_slice()).map(FileKey).map_err(|_| KeyError::Format)
    }

    /// A new random key, as hex (for a key file made on first start).
    pub fn generate_hex() -> Result<String, getrandom::Error> {
        let mut k = [0u8; 32];
        getrandom::fill(&mut k)?;
        Ok(hex::encode(k))
    }

    fn cipher(&self) -> ChaCha20Poly1305 {
        ChaCha20Poly1305::new(&Key::from(self.0))
    }

    /// Encrypts `plain` bound to `id`; returns (nonce as hex, ciphertext with its tag).
    pub fn seal(&self, id: &str, plain: &[u8]) -> Result<(String, Vec<u8>), String> {
        let mut nonce = [0u8; 12];
        getrandom::fill(&mut nonce).map_err(|e| e.to_string())?;
        let ct = self
            .cipher()
            .encrypt(&Nonce::from(nonce), Payload { msg: plain, aad: id.as_bytes() })
            .map_err(|_| "encryption failed".to_string())?;
        Ok((hex::encode(nonce), ct))
    }

    /// Decrypts; fails if the ciphertext, the nonce, the id or the key is not the one sealed.
    pub fn open(&self, id: &str, nonce_hex: &str, ct: &[u8]) -> Result<Vec<u8>, String> {
        let nonce = hex::decode(nonce_hex).map_err(|_| "stored nonce is not hex".to_string())?;
        let nonce =
            <[u8; 12]>::try_from(nonce.as_slice()).map_err(|_| "stored nonce has the wrong length".to_string())?;
        self.cipher()
            .decrypt(&Nonce::from(nonce), Payload { msg: ct, aad: id.as_bytes() })
            .map_err(|_| "the stored file does not decrypt: it was altered, or the file key changed".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_files_open_only_with_their_key_id_and_bytes() {
        let k = FileKey::from_hex(&FileKey::generate_hex().unwrap()).unwrap();
        let (n, ct) = k.seal("a1", "Протокол допроса".as_bytes()).unwrap();
        assert!(!ct.windows(8).any(|w| w == &"Протокол".as_bytes()[..8]), "no plaintext in the ciphertext");
        assert_eq!(k.open("a1", &n, &ct).unwrap(), "Протокол допроса".as_bytes());
        assert!(k.open("a2", &n, &ct).is_err(), "moved to another attachment");
        let mut tampered = ct.clone();
        tampered[0] ^= 1;
        assert!(k.open("a1", &n, &tampered).is_err(), "altered");
        let other = FileKey::from_hex(&FileKey::generate_hex().unwrap()).unwrap();
        assert!(other.open("a1", &n, &ct).is_err(), "another key");
        assert_eq!(FileKey::from_hex("abc"), Err(KeyError::Format));
        assert_eq!(format!("{k:?}"), "FileKey(…)");
    }
}
