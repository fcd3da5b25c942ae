#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace qm::crypto {

// libsodium must be initialised once before any other function here; safe to call often.
// Returns false if the library cannot be used (the portal then refuses to start).
bool initialize();

// `n` bytes from the operating system's CSPRNG.
QByteArray randomBytes(int n);

// RFC 4648 §5 base64url without padding, the form tokens travel in.
QString toBase64Url(const QByteArray &bytes);
// Strict inverse of toBase64Url(): nullopt for any character outside the alphabet, for
// padding, or for a length that no byte string encodes to.
std::optional<QByteArray> fromBase64Url(QStringView text);

// A new bearer or refresh token: 32 random bytes, base64url (43 characters).
QString newToken();
// What the database keeps of a token: lowercase hex SHA-256 of its UTF-8 text.
QString tokenDigest(QStringView token);

// Argon2id (crypto_pwhash_str, interactive limits). The result embeds salt and parameters.
QString hashPassword(const QString &password);
bool verifyPassword(const QString &password, const QString &storedHash);
// Runs a verification that always fails but costs the same as a real one, so an unknown
// user cannot be told apart from a wrong password by timing.
void verifyDummyPassword(const QString &password);

} // namespace qm::crypto
