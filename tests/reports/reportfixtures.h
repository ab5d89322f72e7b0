#pragma once
// A page of the list endpoint with awkward values, and the Hub report those requests make.

namespace reportfixtures {

// Four requests, out of time order on purpose: names with commas, quotes, newlines, control
// characters and non-ASCII; a pending request that was reviewed once; a user without e-mail;
// grantedBy as {} and as a user.
extern const char FixturePage[];
// What the Hub's user-access-report holds for them, in the same order.
extern const char ExpectedHubReport[];

} // namespace reportfixtures
