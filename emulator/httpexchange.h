#pragma once
// One HTTP request and its answer, as the route handlers see them.

#include "hubstate.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace emu {

struct HttpRequest
{
    std::string method;
    std::string path;        // percent-encoded, as sent
    std::string queryString; // without '?'
    std::map<std::string, std::string> query;   // decoded
    std::map<std::string, std::string> headers; // lower-case names
    std::string body;
    std::string origin; // scheme://host:port the client used, for Link headers

    std::string header(const std::string &lowerName) const;
    std::string param(const std::string &name, const std::string &fallback = {}) const;
    std::string bearerToken() const; // empty without an Authorization: Bearer header
};

struct HttpResponse
{
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    static HttpResponse json(int status, const Json &body);
    // The Hub's error shape: {"error": message} with X-Error-Message (and X-Error-Code).
    static HttpResponse error(int status, const std::string &message, const std::string &code = {});
    void setHeader(const std::string &name, const std::string &value);
    std::string headerValue(const std::string &name) const;
};

std::string percentDecode(const std::string &text);
std::string percentEncode(const std::string &text);
std::string reasonPhrase(int status);

} // namespace emu
