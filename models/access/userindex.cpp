#include "userindex.h"

#include <algorithm>
#include <bit>
#include <new>

namespace hubgate {

namespace {

// Old slots moved per insert: the old table (half full at most) is empty long before the new
// one (twice its size) is half full.
constexpr std::size_t slotsMovedPerInsert = 16;

} // namespace

UserIndex::Table::Table(std::size_t capacity)
    : m_slots(static_cast<Slot *>(std::calloc(capacity, sizeof(Slot))))
    , m_capacity(capacity)
{
    if (!m_slots)
        throw std::bad_alloc();
}

void UserIndex::Table::place(Slot slot)
{
    std::size_t at = slot.hash & (m_capacity - 1);
    while (m_slots.get()[at].rowPlusOne)
        at = (at + 1) & (m_capacity - 1);
    m_slots.get()[at] = slot;
}

// Seeded like QHash: a server that sends names chosen to collide cannot make lookups crawl
// through one long run.
quint32 UserIndex::hashOf(QStringView name)
{
    const size_t hash = qHash(name, QHashSeed::globalSeed());
    return quint32(hash ^ (quint64(hash) >> 32));
}

std::size_t UserIndex::capacityFor(int count)
{
    return std::bit_ceil(std::size_t(std::max(count, 8)) * 2);
}

void UserIndex::insert(QStringView name, int row)
{
    if (capacityFor(m_count + 1) > m_table.capacity()) {
        while (m_old.capacity()) // only if the index grew twice within a few inserts
            moveSomeOldSlots();
        m_old = std::move(m_table);
        m_table = Table(capacityFor(m_count + 1));
        m_moved = 0;
    }
    m_table.place({hashOf(name), row + 1});
    ++m_count;
    if (m_old.capacity())
        moveSomeOldSlots();
}

void UserIndex::moveSomeOldSlots()
{
    const std::size_t end = std::min(m_old.capacity(), m_moved + slotsMovedPerInsert);
    for (; m_moved < end; ++m_moved)
        if (m_old[m_moved].rowPlusOne)
            m_table.place(m_old[m_moved]);
    if (m_moved == m_old.capacity()) {
        m_old = Table();
        m_moved = 0;
    }
}

void UserIndex::clear()
{
    m_table = Table();
    m_old = Table();
    m_moved = 0;
    m_count = 0;
}

} // namespace hubgate
