#pragma once
// The row of each user name in the request model. An open-addressing table of row numbers that
// keeps each name's hash, so growing it never hashes a name again. It grows step by step: the
// old table stays readable while its slots move over a few at a time with each insert, so no
// single insert moves a million of them. (A QHash<QString, int> held a node per name and stalled
// the UI thread for 100 ms each time it doubled past half a million rows.)
//
// The names themselves stay in the rows; a lookup asks the caller for the name of a row.

#include <QHashFunctions>
#include <QStringView>

#include <cstdlib>
#include <memory>
#include <utility>

namespace hubgate {

class UserIndex
{
public:
    // Returns the row of name, or -1. nameOf(row) gives a row's name.
    template<typename NameOf>
    int find(QStringView name, NameOf nameOf) const
    {
        const quint32 hash = hashOf(name);
        const int row = m_table.find(hash, [&](int at) { return nameOf(at) == name; });
        // A slot of the old table that has moved is found in the new one first.
        return row >= 0 ? row : m_old.find(hash, [&](int at) { return nameOf(at) == name; });
    }
    // A name that is not in the index yet.
    void insert(QStringView name, int row);
    // Starts over with rows 0..count-1 (after rows were removed and the rest renumbered).
    template<typename NameOf>
    void rebuild(int count, NameOf nameOf)
    {
        clear();
        m_table = Table(capacityFor(count));
        for (int row = 0; row < count; ++row)
            m_table.place({hashOf(nameOf(row)), row + 1});
        m_count = count;
    }
    void clear();
    int size() const { return m_count; }

private:
    struct Slot
    {
        quint32 hash = 0;
        qint32 rowPlusOne = 0; // 0: empty, so a fresh table is zeroed memory that costs nothing until used
    };
    class Table
    {
    public:
        Table() = default;
        explicit Table(std::size_t capacity); // a power of two
        Table(Table &&other) noexcept
            : m_slots(std::move(other.m_slots))
            , m_capacity(std::exchange(other.m_capacity, 0))
        {
        }
        Table &operator=(Table &&other) noexcept
        {
            m_slots = std::move(other.m_slots);
            m_capacity = std::exchange(other.m_capacity, 0);
            return *this;
        }
        std::size_t capacity() const { return m_capacity; }
        const Slot &operator[](std::size_t at) const { return m_slots.get()[at]; }
        void place(Slot slot);
        template<typename Matches>
        int find(quint32 hash, Matches matches) const
        {
            if (!m_capacity)
                return -1;
            for (std::size_t at = hash & (m_capacity - 1);; at = (at + 1) & (m_capacity - 1)) {
                const Slot &slot = (*this)[at];
                if (!slot.rowPlusOne)
                    return -1;
                if (slot.hash == hash && matches(slot.rowPlusOne - 1))
                    return slot.rowPlusOne - 1;
            }
        }

    private:
        struct Free
        {
            void operator()(Slot *slots) const { std::free(slots); }
        };
        std::unique_ptr<Slot, Free> m_slots;
        std::size_t m_capacity = 0;
    };

    static quint32 hashOf(QStringView name);
    static std::size_t capacityFor(int count); // at most half full
    void moveSomeOldSlots();

    Table m_table;
    Table m_old;           // the table before the last growth, until all its slots have moved
    std::size_t m_moved = 0; // slots of m_old looked at so far
    int m_count = 0;
};

} // namespace hubgate
