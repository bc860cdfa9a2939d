#pragma once
// Line diffs in the POSIX/GNU "normal" format, written and applied without external tools.
//
// Python's wiki example stores a page body's changes as the output of `diff old new` and rebuilds
// bodies with `patch` (eventsourcing/examples/wiki/utils.py: create_diff, apply_patch). These two
// functions do the same in C++, so that a store written by either side reads on the other:
// createDiff() writes the hunks GNU diff writes ("NaM", "NcM", "NdM" with "< " / "> " lines, "---"
// between the two sides of a change, "\ No newline at end of file" after an incomplete last
// line), and chooses the same changed lines: it follows GNU diffutils' analysis (common first and
// last lines set aside, "confusing" lines left out of the search, Myers' O(ND) middle-snake search
// with GNU's order, tie-breaks and cost limit, change runs slid as GNU slides them), reimplemented
// here; tests compare it with the real `diff` on thousands of generated texts. applyPatch() applies
// such a diff — one written by GNU diff or by createDiff() — checking every removed line.
// Lines end at '\n' only; an incomplete last line differs from the same text with a newline.
// Stateless functions; thread-safe.

#include "es/errors.h"

#include <QString>

namespace wiki {

// A diff that cannot be applied to the text: malformed, out of order, or removing lines the text
// does not have.
class PatchError : public es::EventSourcingError
{
    using es::EventSourcingError::EventSourcingError;
};

// The normal-format diff from `oldText` to `newText`; empty when they are equal.
QString createDiff(const QString &oldText, const QString &newText);

// `oldText` with the normal-format `diff` applied (an empty diff changes nothing). Throws PatchError.
QString applyPatch(const QString &oldText, const QString &diff);

} // namespace wiki
