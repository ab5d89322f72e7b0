// Raw string fixtures live here, away from moc, which does not read raw string literals.
#include "reportfixtures.h"

namespace reportfixtures {

// Out of time order on purpose: the writers keep the order they are given, the export sorts.
const char FixturePage[] = R"([
{"user":{"_id":"64a000000000000000000001","avatarUrl":"/avatars/jo.svg","fullname":"Smith, \"Jo\"\nSecond line","isPro":false,"user":"jo-smith","type":"user","email":"Jo.Smith@Example.ORG"},
 "status":"pending","timestamp":"2026-09-01T08:00:00.000Z","reviewedAt":"2026-08-31T09:00:00.000Z",
 "fields":{"Name":"Smith, Jo","Country":"FR","Affiliation":"Café \"Zoë\", Paris\r\nFloor 2","Extra":"late field"}},
{"user":{"_id":"64a000000000000000000002","avatarUrl":"/avatars/zoe.svg","fullname":"Zoë Ünïcødé 山田 🎉","isPro":true,"user":"zoe-unicode","type":"user"},
 "status":"accepted","timestamp":"2026-09-02T09:30:15.250Z","reviewedAt":"2026-09-03T10:00:00.000Z","grantedBy":{},
 "fields":{"Name":"Zoë"}},
{"user":{"_id":"64a000000000000000000003","avatarUrl":"/avatars/tab.svg","fullname":"Tab\there \u001b ctl \\ end","isPro":false,"user":"tab-user","type":"user","email":"tab@example.org"},
 "status":"accepted","timestamp":"2026-09-03T00:00:00.000Z","reviewedAt":"2026-09-04T00:00:00.000Z",
 "grantedBy":{"_id":"64a0000000000000000000ff","avatarUrl":"/avatars/mira.svg","fullname":"Mira Patel","isPro":true,"user":"mira-patel","type":"user"}},
{"user":{"_id":"64a000000000000000000004","avatarUrl":"/avatars/nn.svg","fullname":"","isPro":false,"user":"no-name","type":"user"},
 "status":"rejected","timestamp":"2026-09-04T00:00:00.000Z","reviewedAt":"2026-09-05T00:00:00.000Z"}
])";

// What the Hub's user-access-report holds for these requests.
const char ExpectedHubReport[] =
    R"([{"user":"jo-smith","fullname":"Smith, \"Jo\"\nSecond line","status":"pending","email":"Jo.Smith@Example.ORG","time":"2026-09-01T08:00:00.000Z"},)"
    R"({"user":"zoe-unicode","fullname":"Zoë Ünïcødé 山田 🎉","status":"accepted","time":"2026-09-02T09:30:15.250Z","reviewedAt":"2026-09-03T10:00:00.000Z"},)"
    R"({"user":"tab-user","fullname":"Tab\there \u001b ctl \\ end","status":"accepted","email":"tab@example.org","time":"2026-09-03T00:00:00.000Z","reviewedAt":"2026-09-04T00:00:00.000Z"},)"
    R"({"user":"no-name","fullname":"","status":"rejected","time":"2026-09-04T00:00:00.000Z","reviewedAt":"2026-09-05T00:00:00.000Z"}])";

} // namespace reportfixtures
