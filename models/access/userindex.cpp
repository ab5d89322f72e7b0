#include "userindex.h"

#include <bit>

namespace hubgate {

// Seeded like QHash: a server that sends names chosen to collide cannot make lookups crawl
// through one long run.
quint32 UserIndex::hashOf(QStringView name)
{
    const size_t hash = qHash(name, QHashSeed::globalSeed());
    return quint32(hash ^ (quint64(hash) >> 32));
}

void UserIndex::reserve(int count)
{
    const std::size_t wanted = std::bit_ceil(std::size_t(std::max(count, 8)) * 2);
    if (wanted <= m_slots.size())
        return;
    std::vector<Slot> old(wanted);
    old.swap(m_slots);
    for (const Slot &slot : old)
        if (slot.row >= 0)
            place(slot);
}

void UserIndex::insert(QStringView name, int row)
{
    reserve(m_count + 1);
    place({hashOf(name), row});
    ++m_count;
}

void UserIndex::place(Slot slot)
{
    std::size_t at = slot.hash & mask();
    while (m_slots[at].row >= 0)
        at = (at + 1) & mask();
    m_slots[at] = slot;
}

void UserIndex::clear()
{
    m_slots.clear();
    m_count = 0;
}

} // namespace hubgate
