#include "util/sha256.h"

#include <QCryptographicHash>

#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define SL_SHA_NI 1
#endif

namespace sl {

namespace {

alignas(16) constexpr std::uint32_t roundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#ifdef SL_SHA_NI
// The SHA-NI round structure of Intel's reference: four rounds per 128-bit message group, the
// message schedule computed three groups ahead with sha256msg1/sha256msg2.
__attribute__((target("sha,sse4.1,ssse3"))) void compressShaNi(std::uint32_t *state, const unsigned char *data,
                                                                std::size_t blocks)
{
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i tmp = _mm_loadu_si128(reinterpret_cast<const __m128i *>(&state[0]));
    __m128i state1 = _mm_loadu_si128(reinterpret_cast<const __m128i *>(&state[4]));
    tmp = _mm_shuffle_epi32(tmp, 0xB1);            // CDAB
    state1 = _mm_shuffle_epi32(state1, 0x1B);      // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8); // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);   // CDGH

    for (; blocks > 0; --blocks, data += 64) {
        const __m128i abefSave = state0;
        const __m128i cdghSave = state1;
        __m128i w[4];
        for (int group = 0; group < 16; ++group) {
            if (group < 4) {
                w[group] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(data + 16 * group)),
                                            byteSwap);
            }
            const __m128i current = w[group % 4];
            __m128i message = _mm_add_epi32(
                current, _mm_load_si128(reinterpret_cast<const __m128i *>(&roundConstants[4 * group])));
            state1 = _mm_sha256rnds2_epu32(state1, state0, message);
            if (group >= 3 && group <= 14) {
                __m128i &next = w[(group + 1) % 4];
                next = _mm_add_epi32(next, _mm_alignr_epi8(current, w[(group + 3) % 4], 4));
                next = _mm_sha256msg2_epu32(next, current);
            }
            message = _mm_shuffle_epi32(message, 0x0E);
            state0 = _mm_sha256rnds2_epu32(state0, state1, message);
            if (group >= 1 && group <= 12)
                w[(group + 3) % 4] = _mm_sha256msg1_epu32(w[(group + 3) % 4], current);
        }
        state0 = _mm_add_epi32(state0, abefSave);
        state1 = _mm_add_epi32(state1, cdghSave);
    }

    tmp = _mm_shuffle_epi32(state0, 0x1B);          // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);       // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);    // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);       // ABEF
    _mm_storeu_si128(reinterpret_cast<__m128i *>(&state[0]), state0);
    _mm_storeu_si128(reinterpret_cast<__m128i *>(&state[4]), state1);
}
#endif

} // namespace

bool Sha256::hardwareAccelerated()
{
#ifdef SL_SHA_NI
    static const bool supported = __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1")
                                  && __builtin_cpu_supports("ssse3");
    return supported;
#else
    return false;
#endif
}

Sha256::Sha256()
{
    if (!hardwareAccelerated())
        m_fallback = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha256);
    m_state = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
}

Sha256::~Sha256() = default;

void Sha256::compress(const unsigned char *blocks, std::size_t count)
{
#ifdef SL_SHA_NI
    compressShaNi(m_state.data(), blocks, count);
#else
    (void)blocks;
    (void)count;
#endif
}

void Sha256::addData(const char *data, std::size_t size)
{
    if (m_fallback) {
        m_fallback->addData(QByteArrayView(data, qsizetype(size)));
        return;
    }
    m_totalBytes += size;
    const auto *bytes = reinterpret_cast<const unsigned char *>(data);
    if (m_pendingSize > 0) {
        const std::size_t take = std::min(size, 64 - m_pendingSize);
        std::memcpy(m_pending.data() + m_pendingSize, bytes, take);
        m_pendingSize += take;
        bytes += take;
        size -= take;
        if (m_pendingSize < 64)
            return;
        compress(m_pending.data(), 1);
        m_pendingSize = 0;
    }
    const std::size_t whole = size / 64;
    if (whole > 0)
        compress(bytes, whole);
    bytes += whole * 64;
    size -= whole * 64;
    std::memcpy(m_pending.data(), bytes, size);
    m_pendingSize = size;
}

QByteArray Sha256::result()
{
    if (m_fallback)
        return m_fallback->result();
    // Padding: 0x80, zeros, and the length in bits, big-endian, ending a 64-byte block.
    std::array<unsigned char, 128> tail{};
    std::memcpy(tail.data(), m_pending.data(), m_pendingSize);
    tail[m_pendingSize] = 0x80;
    const std::size_t blocks = m_pendingSize + 1 + 8 <= 64 ? 1 : 2;
    const std::uint64_t bits = m_totalBytes * 8;
    for (int i = 0; i < 8; ++i)
        tail[blocks * 64 - 1 - std::size_t(i)] = static_cast<unsigned char>(bits >> (8 * i));
    compress(tail.data(), blocks);
    QByteArray digest(32, Qt::Uninitialized);
    for (std::size_t i = 0; i < 8; ++i) {
        for (std::size_t b = 0; b < 4; ++b)
            digest[qsizetype(4 * i + b)] = char(m_state[i] >> (24 - 8 * b));
    }
    return digest;
}

} // namespace sl
