#pragma once
// A commit's flat file map seen as a git tree: folders, entries with oids, and the commit that
// last changed a path.

#include "hubstate.h"

#include <optional>
#include <string>
#include <vector>

namespace emu {

struct TreeEntry
{
    std::string path;
    bool directory = false;
    std::string oid;
    std::int64_t size = 0; // 0 for folders
};

// The git blob oid: sha1("blob <size>\0<content>").
std::string blobOid(const std::string &content);

// The folder's entries ("" is the root), folders first then files, each sorted by path;
// recursive lists everything below it. nullopt when the folder does not exist.
std::optional<std::vector<TreeEntry>> listFolder(const Commit &commit, const std::string &folder,
                                                 bool recursive);

// The file or folder at path, if any.
std::optional<TreeEntry> findEntry(const Commit &commit, const std::string &path);

// The oldest commit in the history of `commit` since which `path` is unchanged.
const Commit &lastChange(const Repo &repo, const Commit &commit, const std::string &path);

} // namespace emu
