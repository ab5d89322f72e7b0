#include "filetree.h"

#include <map>
#include <set>

namespace emu {

std::string blobOid(const std::string &content)
{
    std::string blob = "blob " + std::to_string(content.size());
    blob += '\0';
    return sha1Hex(blob + content);
}

namespace {

// A folder's oid covers every path and blob below it, so it changes when any of them does
// (not git's tree hash, which the emulator does not need).
std::string folderOid(const Commit &commit, const std::string &prefix)
{
    std::string listing = "tree\n";
    for (auto it = commit.files.lower_bound(prefix); it != commit.files.end(); ++it) {
        if (it->first.compare(0, prefix.size(), prefix) != 0)
            break;
        listing += it->first + ' ' + blobOid(it->second) + '\n';
    }
    return sha1Hex(listing);
}

TreeEntry fileEntry(const std::string &path, const std::string &content)
{
    return TreeEntry{path, false, blobOid(content), std::int64_t(content.size())};
}

bool folderExists(const Commit &commit, const std::string &prefix)
{
    const auto it = commit.files.lower_bound(prefix);
    return it != commit.files.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

std::optional<std::vector<TreeEntry>> listFolder(const Commit &commit, const std::string &folder,
                                                 bool recursive)
{
    const std::string prefix = folder.empty() ? std::string() : folder + "/";
    if (!prefix.empty() && !folderExists(commit, prefix))
        return std::nullopt;
    std::set<std::string> folders;
    std::vector<TreeEntry> files;
    for (auto it = commit.files.lower_bound(prefix); it != commit.files.end(); ++it) {
        const std::string &path = it->first;
        if (path.compare(0, prefix.size(), prefix) != 0)
            break;
        std::size_t slash = path.find('/', prefix.size());
        if (slash != std::string::npos && !recursive) {
            folders.insert(path.substr(0, slash));
            continue;
        }
        for (; slash != std::string::npos; slash = path.find('/', slash + 1))
            folders.insert(path.substr(0, slash));
        files.push_back(fileEntry(path, it->second));
    }
    std::vector<TreeEntry> out;
    for (const std::string &path : folders)
        out.push_back(TreeEntry{path, true, folderOid(commit, path + "/"), 0});
    out.insert(out.end(), files.begin(), files.end());
    return out;
}

std::optional<TreeEntry> findEntry(const Commit &commit, const std::string &path)
{
    const auto file = commit.files.find(path);
    if (file != commit.files.end())
        return fileEntry(path, file->second);
    if (!path.empty() && folderExists(commit, path + "/"))
        return TreeEntry{path, true, folderOid(commit, path + "/"), 0};
    return std::nullopt;
}

const Commit &lastChange(const Repo &repo, const Commit &commit, const std::string &path)
{
    const auto oidAt = [&path](const Commit &at) {
        const auto entry = findEntry(at, path);
        return entry ? entry->oid : std::string();
    };
    const Commit *current = &commit;
    const std::string oid = oidAt(commit);
    for (;;) {
        const auto parent = repo.commits.find(current->parent);
        if (parent == repo.commits.end() || oidAt(parent->second) != oid)
            return *current;
        current = &parent->second;
    }
}

} // namespace emu
