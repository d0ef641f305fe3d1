#pragma once

// SHA-256 of a stream of bytes. Uses the CPU's SHA extensions where it has them (about ten
// times faster than QCryptographicHash, which matters when every import hashes its file next to
// parsing it on a two-core laptop), and QCryptographicHash everywhere else.

#include <QByteArray>

#include <array>
#include <cstdint>
#include <memory>

class QCryptographicHash;

namespace sl {

class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(const char *data, std::size_t size);
    QByteArray result(); // 32 bytes; the object is finished after this

    static bool hardwareAccelerated();

private:
    void compress(const unsigned char *blocks, std::size_t count);

    std::unique_ptr<QCryptographicHash> m_fallback;
    std::array<std::uint32_t, 8> m_state{};
    std::array<unsigned char, 64> m_pending{};
    std::size_t m_pendingSize = 0;
    std::uint64_t m_totalBytes = 0;
};

} // namespace sl
