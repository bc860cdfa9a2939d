#include "wiki/diff.h"

#include <QHash>
#include <QStringView>
#include <algorithm>
#include <limits>
#include <vector>

namespace wiki {

namespace {

// A text as lines; each line is its text without the '\n', and whether a '\n' ended it (only the
// last line of a text can lack one).
struct Lines
{
    std::vector<QStringView> text;
    std::vector<bool> complete;

    qsizetype size() const { return static_cast<qsizetype>(text.size()); }
};

Lines splitLines(const QString &s)
{
    Lines lines;
    qsizetype start = 0;
    while (start < s.size()) {
        const qsizetype nl = s.indexOf(QLatin1Char('\n'), start);
        if (nl < 0) {
            lines.text.push_back(QStringView(s).mid(start));
            lines.complete.push_back(false);
            break;
        }
        lines.text.push_back(QStringView(s).mid(start, nl - start));
        lines.complete.push_back(true);
        start = nl + 1;
    }
    return lines;
}

bool sameLine(const Lines &a, qsizetype i, const Lines &b, qsizetype j)
{
    return a.complete[static_cast<size_t>(i)] == b.complete[static_cast<size_t>(j)]
        && a.text[static_cast<size_t>(i)] == b.text[static_cast<size_t>(j)];
}

// Numbers the distinct lines of both texts from 1, so that lines compare as integers. A line
// without its newline is a different line from the same text with one, as for GNU diff.
void numberLines(const Lines &a, qsizetype a0, qsizetype a1, const Lines &b, qsizetype b0, qsizetype b1,
                 std::vector<int> &ia, std::vector<int> &ib)
{
    QHash<QString, int> ids;
    auto number = [&ids](const Lines &lines, qsizetype from, qsizetype to, std::vector<int> &out) {
        out.reserve(static_cast<size_t>(to - from));
        for (qsizetype i = from; i < to; ++i) {
            QString key = lines.text[static_cast<size_t>(i)].toString();
            if (lines.complete[static_cast<size_t>(i)])
                key.append(QLatin1Char('\n'));
            int &id = ids[key];
            if (id == 0)
                id = static_cast<int>(ids.size());
            out.push_back(id);
        }
    };
    number(a, a0, a1, ia);
    number(b, b0, b1, ib);
}

int floorLog2(qsizetype n)
{
    int r = 0;
    while (n > 1) {
        n >>= 1;
        ++r;
    }
    return r;
}

// GNU diff's treatment of "confusing" lines, so that our edit scripts are its edit scripts: a line
// with no equal in the other text is certainly a change and is left out of the search; a line with
// very many equals (more than 5, or about 5·sqrt(n)/8 in a text of n >= 64 lines) is left out too when it
// sits inside a run of such certain changes, away from the run's ends. Returns the indexes of the lines left
// in; the lines left out are marked changed.
std::vector<qsizetype> discardConfusingLines(const std::vector<int> &lines,
                                             const std::vector<int> &otherLines, std::vector<bool> &changed)
{
    enum : char { Keep = 0, Discard = 1, Provisional = 2 };
    const qsizetype n = static_cast<qsizetype>(lines.size());
    // Line numbers are small and dense (numberLines()): count by index.
    std::vector<qsizetype> otherCount;
    for (const int id : otherLines) {
        if (static_cast<size_t>(id) >= otherCount.size())
            otherCount.resize(static_cast<size_t>(id) + 1, 0);
        ++otherCount[static_cast<size_t>(id)];
    }
    // About 5·sqrt(n) / 8 for n >= 64, at least 5.
    qsizetype many = 5;
    const int shift = n < 64 ? 0 : (floorLog2(n) >> 1) - 3;
    if (shift > 0)
        many <<= shift;

    std::vector<char> mark(static_cast<size_t>(n), Keep);
    auto m = [&mark](qsizetype i) -> char & {
        return mark[static_cast<size_t>(i)];
    };
    for (qsizetype i = 0; i < n; ++i) {
        const size_t id = static_cast<size_t>(lines[static_cast<size_t>(i)]);
        const qsizetype matches = id < otherCount.size() ? otherCount[id] : 0;
        if (matches == 0)
            m(i) = Discard;
        else if (matches > many)
            m(i) = Provisional;
    }

    // Provisional lines are left out only inside a run of left-out lines that begins and ends with
    // certain ones.
    for (qsizetype i = 0; i < n; ++i) {
        if (m(i) == Provisional) {
            m(i) = Keep;
            continue;
        }
        if (m(i) == Keep)
            continue;
        qsizetype provisional = 0;
        qsizetype j = i;
        for (; j < n && m(j) != Keep; ++j) {
            if (m(j) == Provisional)
                ++provisional;
        }
        while (j > i && m(j - 1) == Provisional) {
            m(--j) = Keep;
            --provisional;
        }
        const qsizetype length = j - i;
        if ((length >> 2) < provisional) {
            // A quarter or more of the run is provisional: keep all of them.
            for (qsizetype k = i; k < j; ++k) {
                if (m(k) == Provisional)
                    m(k) = Keep;
            }
            continue;
        }
        // Keep every stretch of `minimum` or more provisional lines inside the run.
        const qsizetype minimum = length < 4 ? 2 : (qsizetype(1) << ((floorLog2(length) >> 1) - 1)) + 1;
        for (qsizetype k = i; k < j;) {
            if (m(k) != Provisional) {
                ++k;
                continue;
            }
            qsizetype e = k;
            while (e < j && m(e) == Provisional)
                ++e;
            if (e - k >= minimum) {
                for (qsizetype q = k; q < e; ++q)
                    m(q) = Keep;
            }
            k = e;
        }
        // Near either end of the run — before three certain lines in a row, or the first certain
        // line at least 8 lines in — keep the provisional lines.
        auto trimEnd = [&](qsizetype first, qsizetype step) {
            qsizetype consecutive = 0;
            for (qsizetype k = 0; k < length; ++k) {
                char &c = m(first + k * step);
                if (k >= 8 && c == Discard)
                    break;
                if (c == Provisional) {
                    consecutive = 0;
                    c = Keep;
                } else if (c == Keep) {
                    consecutive = 0;
                } else if (++consecutive == 3) {
                    break;
                }
            }
        };
        trimEnd(i, 1);
        i += length - 1;
        trimEnd(i, -1);
    }

    std::vector<qsizetype> kept;
    kept.reserve(static_cast<size_t>(n));
    for (qsizetype i = 0; i < n; ++i) {
        if (m(i) == Keep)
            kept.push_back(i);
        else
            changed[static_cast<size_t>(i)] = true;
    }
    return kept;
}

// Myers, "An O(ND) Difference Algorithm and Its Variations" (1986), section 4.2: a breadth-first
// search from both corners of the edit graph until the two meet, then the same on both halves.
// The search order, the choice between equal paths and the split point are GNU diff's, and so is
// its cost limit (beyond about sqrt(lines) edit steps, at least 4096, it splits at the furthest
// point reached), so that the lines chosen as changed are the ones GNU diff chooses.
class EditScript
{
public:
    // `a`/`b`: the line numbers searched; `realA`/`realB`: their indexes in `changedA`/`changedB`.
    EditScript(const std::vector<int> &a, const std::vector<qsizetype> &realA, std::vector<bool> &changedA,
               const std::vector<int> &b, const std::vector<qsizetype> &realB, std::vector<bool> &changedB)
        : m_a(a), m_b(b), m_realA(realA), m_realB(realB), m_changedA(changedA), m_changedB(changedB)
    {
        const qsizetype n = static_cast<qsizetype>(a.size());
        const qsizetype m = static_cast<qsizetype>(b.size());
        m_offset = m + 1;
        m_forward.assign(static_cast<size_t>(n + m + 3), 0);
        m_backward.assign(static_cast<size_t>(n + m + 3), 0);
        qsizetype diagonals = n + m + 3;
        m_tooExpensive = 1;
        for (; diagonals != 0; diagonals >>= 2)
            m_tooExpensive <<= 1;
        m_tooExpensive = std::max<qsizetype>(4096, m_tooExpensive);
        compare(0, n, 0, m, false);
    }

private:
    struct Split
    {
        qsizetype x = 0;
        qsizetype y = 0;
        bool lowMinimal = true;
        bool highMinimal = true;
    };

    qsizetype &fwd(qsizetype d) { return m_forward[static_cast<size_t>(d + m_offset)]; }
    qsizetype &bwd(qsizetype d) { return m_backward[static_cast<size_t>(d + m_offset)]; }
    bool same(qsizetype x, qsizetype y) const
    {
        return m_a[static_cast<size_t>(x)] == m_b[static_cast<size_t>(y)];
    }

    void compare(qsizetype x0, qsizetype x1, qsizetype y0, qsizetype y1, bool minimal)
    {
        while (x0 < x1 && y0 < y1 && same(x0, y0)) {
            ++x0;
            ++y0;
        }
        while (x0 < x1 && y0 < y1 && same(x1 - 1, y1 - 1)) {
            --x1;
            --y1;
        }
        if (x0 == x1) {
            for (; y0 < y1; ++y0)
                m_changedB[static_cast<size_t>(m_realB[static_cast<size_t>(y0)])] = true;
        } else if (y0 == y1) {
            for (; x0 < x1; ++x0)
                m_changedA[static_cast<size_t>(m_realA[static_cast<size_t>(x0)])] = true;
        } else {
            const Split s = split(x0, x1, y0, y1, minimal);
            compare(x0, s.x, y0, s.y, s.lowMinimal);
            compare(s.x, x1, s.y, y1, s.highMinimal);
        }
    }

    // Diagonals are numbered x - y in the whole problem's coordinates. fwd(d) is the furthest x
    // the forward search reached on diagonal d, bwd(d) the smallest x the backward one reached.
    Split split(qsizetype x0, qsizetype x1, qsizetype y0, qsizetype y1, bool minimal)
    {
        constexpr qsizetype kFar = std::numeric_limits<qsizetype>::max();
        const qsizetype dmin = x0 - y1;
        const qsizetype dmax = x1 - y0;
        const qsizetype fmid = x0 - y0;
        const qsizetype bmid = x1 - y1;
        qsizetype fmin = fmid;
        qsizetype fmax = fmid;
        qsizetype bmin = bmid;
        qsizetype bmax = bmid;
        const bool odd = ((fmid - bmid) & 1) != 0;
        fwd(fmid) = x0;
        bwd(bmid) = x1;

        for (qsizetype cost = 1;; ++cost) {
            // One more edit step forward on every diagonal in reach, the highest diagonal first.
            if (fmin > dmin)
                fwd(--fmin - 1) = -1;
            else
                ++fmin;
            if (fmax < dmax)
                fwd(++fmax + 1) = -1;
            else
                --fmax;
            for (qsizetype d = fmax; d >= fmin; d -= 2) {
                const qsizetype fromBelow = fwd(d - 1);
                const qsizetype fromAbove = fwd(d + 1);
                qsizetype x = fromBelow < fromAbove ? fromAbove : fromBelow + 1;
                qsizetype y = x - d;
                while (x < x1 && y < y1 && same(x, y)) {
                    ++x;
                    ++y;
                }
                fwd(d) = x;
                if (odd && bmin <= d && d <= bmax && bwd(d) <= x)
                    return Split {x, y, true, true};
            }
            // And one more backward.
            if (bmin > dmin)
                bwd(--bmin - 1) = kFar;
            else
                ++bmin;
            if (bmax < dmax)
                bwd(++bmax + 1) = kFar;
            else
                --bmax;
            for (qsizetype d = bmax; d >= bmin; d -= 2) {
                const qsizetype fromBelow = bwd(d - 1);
                const qsizetype fromAbove = bwd(d + 1);
                qsizetype x = fromBelow < fromAbove ? fromBelow : fromAbove - 1;
                qsizetype y = x - d;
                while (x0 < x && y0 < y && same(x - 1, y - 1)) {
                    --x;
                    --y;
                }
                bwd(d) = x;
                if (!odd && fmin <= d && d <= fmax && x <= fwd(d))
                    return Split {x, y, true, true};
            }
            if (minimal || cost < m_tooExpensive)
                continue;

            // Too expensive: split at the point furthest from the corner it was searched from.
            qsizetype forwardBest = -1;
            qsizetype forwardX = 0;
            for (qsizetype d = fmax; d >= fmin; d -= 2) {
                qsizetype x = std::min(fwd(d), x1);
                qsizetype y = x - d;
                if (y1 < y) {
                    x = y1 + d;
                    y = y1;
                }
                if (forwardBest < x + y) {
                    forwardBest = x + y;
                    forwardX = x;
                }
            }
            qsizetype backwardBest = kFar;
            qsizetype backwardX = 0;
            for (qsizetype d = bmax; d >= bmin; d -= 2) {
                qsizetype x = std::max(x0, bwd(d));
                qsizetype y = x - d;
                if (y < y0) {
                    x = y0 + d;
                    y = y0;
                }
                if (x + y < backwardBest) {
                    backwardBest = x + y;
                    backwardX = x;
                }
            }
            if ((x1 + y1) - backwardBest < forwardBest - (x0 + y0))
                return Split {forwardX, forwardBest - forwardX, true, false};
            return Split {backwardX, backwardBest - backwardX, false, true};
        }
    }

    const std::vector<int> &m_a;
    const std::vector<int> &m_b;
    const std::vector<qsizetype> &m_realA;
    const std::vector<qsizetype> &m_realB;
    std::vector<bool> &m_changedA;
    std::vector<bool> &m_changedB;
    std::vector<qsizetype> m_forward;
    std::vector<qsizetype> m_backward;
    qsizetype m_offset = 0;
    qsizetype m_tooExpensive = 4096;
};

// Places the runs of changed lines of one side where GNU diff places them. A run of changed lines
// can slide by one line up when the line above it equals its last line, and down when its first
// line equals the line below it, without changing the edit script's length; sliding into another
// run merges the two. Each run is slid until no more merges happen, then put at the lowest position
// where it lines up with a change on the other side, or at the lowest position when there is none.
// Unchanged lines keep their pairing in order, so the other side needs no change.
void placeRuns(const std::vector<int> &lines, std::vector<bool> &changed,
               const std::vector<bool> &otherChanged)
{
    const qsizetype n = static_cast<qsizetype>(lines.size());
    // otherGap[g]: whether the other side has changed lines between its g-th and (g+1)-th
    // unchanged lines (g = 0: before its first unchanged line).
    std::vector<bool> otherGap(1, false);
    for (const bool c : otherChanged) {
        if (c)
            otherGap.back() = true;
        else
            otherGap.push_back(false);
    }
    auto isChanged = [&](qsizetype i) {
        return i >= 0 && i < n && changed[static_cast<size_t>(i)];
    };
    auto line = [&](qsizetype i) {
        return lines[static_cast<size_t>(i)];
    };

    qsizetype i = 0;
    qsizetype unchangedBefore = 0; // unchanged lines before i
    while (true) {
        while (i < n && !changed[static_cast<size_t>(i)]) {
            ++i;
            ++unchangedBefore;
        }
        if (i == n)
            break;
        qsizetype start = i;
        qsizetype end = i;
        while (isChanged(end))
            ++end;
        qsizetype gap = unchangedBefore; // the run sits after this many unchanged lines

        qsizetype length = 0;
        qsizetype top = 0;
        do {
            length = end - start;
            while (start > 0 && line(start - 1) == line(end - 1)) {
                changed[static_cast<size_t>(--start)] = true;
                changed[static_cast<size_t>(--end)] = false;
                --gap;
                while (isChanged(start - 1))
                    --start;
            }
            top = start;
            while (end < n && line(start) == line(end)) {
                changed[static_cast<size_t>(start++)] = false;
                changed[static_cast<size_t>(end++)] = true;
                ++gap;
                while (isChanged(end))
                    ++end;
            }
        } while (length != end - start);

        // Now at the lowest position; the run can slide up by (start - top) lines without merging.
        for (qsizetype shift = 0; shift <= start - top; ++shift) {
            const qsizetype g = gap - shift;
            if (g >= 0 && g < static_cast<qsizetype>(otherGap.size()) && otherGap[static_cast<size_t>(g)]) {
                for (qsizetype s = 0; s < shift; ++s) {
                    changed[static_cast<size_t>(--start)] = true;
                    changed[static_cast<size_t>(--end)] = false;
                }
                gap = g;
                break;
            }
        }
        i = end;
        unchangedBefore = gap;
    }
}

void appendRange(QString &out, qsizetype first, qsizetype last)
{
    out += QString::number(first);
    if (last != first) {
        out += QLatin1Char(',');
        out += QString::number(last);
    }
}

void appendLines(QString &out, const Lines &lines, qsizetype from, qsizetype to, QLatin1String mark)
{
    for (qsizetype i = from; i < to; ++i) {
        out += mark;
        out += lines.text[static_cast<size_t>(i)];
        out += QLatin1Char('\n');
        if (!lines.complete[static_cast<size_t>(i)])
            out += QLatin1String("\\ No newline at end of file\n");
    }
}

} // namespace

QString createDiff(const QString &oldText, const QString &newText)
{
    if (oldText == newText)
        return QString();
    const Lines a = splitLines(oldText);
    const Lines b = splitLines(newText);

    // Lines common to both at the start and at the end take no part (as in GNU diff, they are not
    // even counted when it looks for confusing lines).
    qsizetype prefix = 0;
    while (prefix < a.size() && prefix < b.size() && sameLine(a, prefix, b, prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
           && sameLine(a, a.size() - 1 - suffix, b, b.size() - 1 - suffix))
        ++suffix;
    std::vector<int> ia;
    std::vector<int> ib;
    numberLines(a, prefix, a.size() - suffix, b, prefix, b.size() - suffix, ia, ib);

    std::vector<bool> changedA(ia.size(), false);
    std::vector<bool> changedB(ib.size(), false);
    const std::vector<qsizetype> keptA = discardConfusingLines(ia, ib, changedA);
    const std::vector<qsizetype> keptB = discardConfusingLines(ib, ia, changedB);
    std::vector<int> searchA;
    std::vector<int> searchB;
    searchA.reserve(keptA.size());
    searchB.reserve(keptB.size());
    for (const qsizetype i : keptA)
        searchA.push_back(ia[static_cast<size_t>(i)]);
    for (const qsizetype i : keptB)
        searchB.push_back(ib[static_cast<size_t>(i)]);
    const EditScript script(searchA, keptA, changedA, searchB, keptB, changedB);
    placeRuns(ia, changedA, changedB);
    placeRuns(ib, changedB, changedA);

    QString out;
    const qsizetype n = static_cast<qsizetype>(ia.size());
    const qsizetype m = static_cast<qsizetype>(ib.size());
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        const bool ca = i < n && changedA[static_cast<size_t>(i)];
        const bool cb = j < m && changedB[static_cast<size_t>(j)];
        if (!ca && !cb) {
            ++i;
            ++j;
            continue;
        }
        const qsizetype i0 = i;
        const qsizetype j0 = j;
        while (i < n && changedA[static_cast<size_t>(i)])
            ++i;
        while (j < m && changedB[static_cast<size_t>(j)])
            ++j;
        // Line numbers in the whole texts, 1-based.
        const qsizetype fromA = prefix + i0;
        const qsizetype toA = prefix + i;
        const qsizetype fromB = prefix + j0;
        const qsizetype toB = prefix + j;
        if (i > i0 && j > j0) {
            appendRange(out, fromA + 1, toA);
            out += QLatin1Char('c');
            appendRange(out, fromB + 1, toB);
            out += QLatin1Char('\n');
            appendLines(out, a, fromA, toA, QLatin1String("< "));
            out += QLatin1String("---\n");
            appendLines(out, b, fromB, toB, QLatin1String("> "));
        } else if (i > i0) {
            appendRange(out, fromA + 1, toA);
            out += QLatin1Char('d');
            out += QString::number(fromB);
            out += QLatin1Char('\n');
            appendLines(out, a, fromA, toA, QLatin1String("< "));
        } else {
            out += QString::number(fromA);
            out += QLatin1Char('a');
            appendRange(out, fromB + 1, toB);
            out += QLatin1Char('\n');
            appendLines(out, b, fromB, toB, QLatin1String("> "));
        }
    }
    return out;
}

namespace {

// Reads a diff's lines one at a time.
class DiffReader
{
public:
    explicit DiffReader(const QString &diff) : m_lines(splitLines(diff)) { }

    bool atEnd() const { return m_next >= m_lines.size(); }
    QStringView take() { return m_lines.text[static_cast<size_t>(m_next++)]; }
    QStringView peek() const { return m_lines.text[static_cast<size_t>(m_next)]; }

    // Throws PatchError naming the diff line last taken (1-based).
    [[noreturn]] void fail(const QString &why) const
    {
        throw PatchError(QStringLiteral("diff line %1: %2").arg(m_next).arg(why));
    }

private:
    Lines m_lines;
    qsizetype m_next = 0;
};

struct Command
{
    qsizetype l1 = 0, l2 = 0;
    QChar op;
    qsizetype r1 = 0, r2 = 0;
};

// Parses "N[,N]" at `pos`, advancing it; false when there is no number there.
bool parseRange(QStringView s, qsizetype &pos, qsizetype &first, qsizetype &last)
{
    auto number = [&](qsizetype &out) {
        const qsizetype begin = pos;
        qsizetype v = 0;
        while (pos < s.size() && s[pos].isDigit() && s[pos].unicode() < 128) {
            if (v > (std::numeric_limits<qsizetype>::max() - 9) / 10)
                return false;
            v = v * 10 + (s[pos].unicode() - '0');
            ++pos;
        }
        out = v;
        return pos > begin;
    };
    if (!number(first))
        return false;
    last = first;
    if (pos < s.size() && s[pos] == QLatin1Char(',')) {
        ++pos;
        if (!number(last))
            return false;
    }
    return true;
}

bool parseCommand(QStringView s, Command &c)
{
    qsizetype pos = 0;
    if (!parseRange(s, pos, c.l1, c.l2) || pos >= s.size())
        return false;
    c.op = s[pos++];
    if (c.op != QLatin1Char('a') && c.op != QLatin1Char('c') && c.op != QLatin1Char('d'))
        return false;
    if (!parseRange(s, pos, c.r1, c.r2) || pos != s.size())
        return false;
    return c.l2 >= c.l1 && c.r2 >= c.r1;
}

} // namespace

QString applyPatch(const QString &oldText, const QString &diff)
{
    if (diff.isEmpty())
        return oldText;
    const Lines old = splitLines(oldText);
    DiffReader reader(diff);
    QString out;
    out.reserve(oldText.size() + diff.size());
    qsizetype copied = 0; // old lines consumed so far

    auto copyUpTo = [&](qsizetype count) {
        for (; copied < count; ++copied) {
            out += old.text[static_cast<size_t>(copied)];
            if (old.complete[static_cast<size_t>(copied)])
                out += QLatin1Char('\n');
        }
    };
    auto noNewlineMarker = [&]() {
        if (!reader.atEnd() && reader.peek().startsWith(QLatin1Char('\\'))) {
            reader.take();
            return true;
        }
        return false;
    };
    // Takes `count` "< " lines and checks them against the old lines from `from` (0-based).
    auto removeLines = [&](qsizetype from, qsizetype count) {
        for (qsizetype k = 0; k < count; ++k) {
            if (reader.atEnd())
                reader.fail(QStringLiteral("the diff ends inside a hunk"));
            const QStringView l = reader.take();
            if (!l.startsWith(QLatin1String("< ")))
                reader.fail(QStringLiteral("expected a line starting with '< '"));
            const bool complete = !noNewlineMarker();
            const size_t at = static_cast<size_t>(from + k);
            if (l.mid(2) != old.text[at] || complete != old.complete[at])
                reader.fail(
                    QStringLiteral("line %1 of the text is not the line the diff removes").arg(from + k + 1));
        }
    };
    auto insertLines = [&](qsizetype count) {
        for (qsizetype k = 0; k < count; ++k) {
            if (reader.atEnd())
                reader.fail(QStringLiteral("the diff ends inside a hunk"));
            const QStringView l = reader.take();
            if (!l.startsWith(QLatin1String("> ")))
                reader.fail(QStringLiteral("expected a line starting with '> '"));
            out += l.mid(2);
            if (!noNewlineMarker())
                out += QLatin1Char('\n');
        }
    };

    while (!reader.atEnd()) {
        Command c;
        if (!parseCommand(reader.take(), c))
            reader.fail(QStringLiteral("expected a command such as 3a4, 2,5d1 or 7c7,8"));
        const qsizetype firstRemoved = c.op == QLatin1Char('a') ? c.l1 : c.l1 - 1; // 0-based
        if ((c.op != QLatin1Char('a') && c.l1 == 0) || firstRemoved < copied)
            reader.fail(QStringLiteral("hunk out of order"));
        if (c.op == QLatin1Char('a')) {
            if (c.l1 > old.size())
                reader.fail(QStringLiteral("hunk beyond the end of the text"));
            copyUpTo(c.l1);
            insertLines(c.r2 - c.r1 + 1);
            continue;
        }
        if (c.l2 > old.size())
            reader.fail(QStringLiteral("hunk beyond the end of the text"));
        copyUpTo(firstRemoved);
        removeLines(firstRemoved, c.l2 - c.l1 + 1);
        copied = c.l2;
        if (c.op == QLatin1Char('c')) {
            if (reader.atEnd() || reader.take() != QLatin1String("---"))
                reader.fail(QStringLiteral("expected '---'"));
            insertLines(c.r2 - c.r1 + 1);
        }
    }
    copyUpTo(old.size());
    return out;
}

} // namespace wiki
