#pragma once
// Makes realistic access requests: new users with plausible names and e-mails, answers for every
// field of the repo's gate form, timestamps spread over months.

#include "hubstate.h"

namespace emu {

struct GeneratorOptions
{
    int count = 0;
    unsigned seed = 1;
    double pendingShare = 0.3;
    double acceptedShare = 0.6; // the rest is rejected
    int spanDays = 180;
    int sameTimestampRun = 1; // N > 1: each run of N consecutive requests shares one timestamp
};

// Adds options.count requests (and their users) to the repo; returns how many were added.
int generateRequests(HubState &state, Repo &repo, const GeneratorOptions &options);

} // namespace emu
