#pragma once
// The exit statuses of every hubgate command, so scripts can tell failures apart.

namespace hubgate::cli {

enum class ExitCode : int {
    Ok = 0,       // done
    Failed = 1,   // the Hub or the network said no, or no token was found
    Usage = 2,    // the command line is wrong: unknown command or option, missing option, bad choice
    BadInput = 3, // an option's value is malformed: a repo id, an endpoint address
};

constexpr int toInt(ExitCode code)
{
    return static_cast<int>(code);
}

} // namespace hubgate::cli
