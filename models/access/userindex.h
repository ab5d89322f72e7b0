#pragma once
// The row of each user name in the request model. An open-addressing table of row numbers that
// keeps each name's hash: growing it moves 8-byte slots and never hashes a name again. A
// QHash<QString, int> held a node per name and, doubling at half a million rows, stalled the UI
// thread for 100 ms.
//
// The names themselves stay in the rows; a lookup asks the caller for the name of a row.

#include <QHashFunctions>
#include <QStringView>

#include <vector>

namespace hubgate {

class UserIndex
{
public:
    // Returns the row of name, or -1. nameOf(row) gives a row's name.
    template<typename NameOf>
    int find(QStringView name, NameOf nameOf) const
    {
        if (m_slots.empty())
            return -1;
        const quint32 hash = hashOf(name);
        for (std::size_t at = hash & mask();; at = (at + 1) & mask()) {
            const Slot &slot = m_slots[at];
            if (slot.row < 0)
                return -1;
            if (slot.hash == hash && nameOf(slot.row) == name)
                return slot.row;
        }
    }
    // A name that is not in the index yet.
    void insert(QStringView name, int row);
    // Starts over with rows 0..count-1 (after rows were removed and the rest renumbered).
    template<typename NameOf>
    void rebuild(int count, NameOf nameOf)
    {
        clear();
        reserve(count);
        for (int row = 0; row < count; ++row)
            insert(nameOf(row), row);
    }
    void reserve(int count);
    void clear();
    int size() const { return m_count; }

private:
    struct Slot
    {
        quint32 hash = 0;
        qint32 row = -1;
    };

    static quint32 hashOf(QStringView name);
    std::size_t mask() const { return m_slots.size() - 1; }
    void place(Slot slot);

    std::vector<Slot> m_slots; // a power of two, at most half full
    int m_count = 0;
};

} // namespace hubgate
