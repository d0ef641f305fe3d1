#pragma once

// A string -> integer map with open addressing and its keys in one arena.
//
// The import resolves every ticket's requester to a customer id; a million tickets from half a
// million customers made std::unordered_map<std::string, ...> (a node and a heap string per
// key, two cache misses per look-up) one of the largest costs of the whole import.

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sl {

class FlatStringMap
{
public:
    FlatStringMap() { m_slots.resize(1024); }

    std::optional<std::int64_t> find(std::string_view key) const
    {
        const std::uint64_t hash = hashOf(key);
        for (std::size_t i = hash & (m_slots.size() - 1);; i = (i + 1) & (m_slots.size() - 1)) {
            const Slot &slot = m_slots[i];
            if (slot.length == emptySlot)
                return std::nullopt;
            if (slot.hash == hash && slot.length == key.size()
                && std::memcmp(m_keys.data() + slot.offset, key.data(), key.size()) == 0) {
                return slot.value;
            }
        }
    }

    // Inserts or overwrites.
    void insert(std::string_view key, std::int64_t value)
    {
        if ((m_used + 1) * 4 > m_slots.size() * 3)
            grow();
        const std::uint64_t hash = hashOf(key);
        for (std::size_t i = hash & (m_slots.size() - 1);; i = (i + 1) & (m_slots.size() - 1)) {
            Slot &slot = m_slots[i];
            if (slot.length == emptySlot) {
                slot = {hash, std::uint32_t(m_keys.size()), std::uint32_t(key.size()), value};
                m_keys.append(key);
                ++m_used;
                return;
            }
            if (slot.hash == hash && slot.length == key.size()
                && std::memcmp(m_keys.data() + slot.offset, key.data(), key.size()) == 0) {
                slot.value = value;
                return;
            }
        }
    }

    std::size_t size() const { return m_used; }

private:
    static constexpr std::uint32_t emptySlot = 0xFFFFFFFFu;
    struct Slot
    {
        std::uint64_t hash = 0;
        std::uint32_t offset = 0; // into m_keys; keys of one import stay far below 4 GB
        std::uint32_t length = emptySlot;
        std::int64_t value = 0;
    };

    // FNV-1a with a final mix: keys are short (e-mails, ids), and the mix spreads their
    // similar prefixes over the table.
    static std::uint64_t hashOf(std::string_view key)
    {
        std::uint64_t h = 0xcbf29ce484222325ULL;
        for (char c : key) {
            h ^= static_cast<unsigned char>(c);
            h *= 0x100000001b3ULL;
        }
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        return h;
    }

    void grow()
    {
        std::vector<Slot> old(m_slots.size() * 2);
        old.swap(m_slots);
        for (const Slot &slot : old) {
            if (slot.length == emptySlot)
                continue;
            for (std::size_t i = slot.hash & (m_slots.size() - 1);; i = (i + 1) & (m_slots.size() - 1)) {
                if (m_slots[i].length == emptySlot) {
                    m_slots[i] = slot;
                    break;
                }
            }
        }
    }

    std::vector<Slot> m_slots;
    std::string m_keys;
    std::size_t m_used = 0;
};

} // namespace sl
