#include "httpexchange.h"

#include <algorithm>

namespace emu {

std::string HttpRequest::header(const std::string &lowerName) const
{
    const auto it = headers.find(lowerName);
    return it == headers.end() ? std::string() : it->second;
}

std::string HttpRequest::param(const std::string &name, const std::string &fallback) const
{
    const auto it = query.find(name);
    return it == query.end() ? fallback : it->second;
}

std::string HttpRequest::bearerToken() const
{
    const std::string value = header("authorization");
    const std::string prefix = "Bearer ";
    if (value.size() <= prefix.size() || !std::equal(prefix.begin(), prefix.end(), value.begin(),
                                                     [](char a, char b) {
                                                         return std::tolower(a) == std::tolower(b);
                                                     }))
        return {};
    return value.substr(prefix.size());
}

HttpResponse HttpResponse::json(int status, const Json &body)
{
    HttpResponse response;
    response.status = status;
    response.body = body.dump();
    response.setHeader("Content-Type", "application/json; charset=utf-8");
    return response;
}

HttpResponse HttpResponse::error(int status, const std::string &message, const std::string &code)
{
    HttpResponse response = json(status, Json{{"error", message}});
    response.setHeader("X-Error-Message", message);
    if (!code.empty())
        response.setHeader("X-Error-Code", code);
    return response;
}

void HttpResponse::setHeader(const std::string &name, const std::string &value)
{
    for (auto &[key, existing] : headers) {
        if (key == name) {
            existing = value;
            return;
        }
    }
    headers.emplace_back(name, value);
}

std::string HttpResponse::headerValue(const std::string &name) const
{
    for (const auto &[key, value] : headers)
        if (key == name)
            return value;
    return {};
}

std::string percentDecode(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else if (text[i] == '+') {
            out += ' ';
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string percentEncode(const std::string &text)
{
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 15];
        }
    }
    return out;
}

std::string reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 416: return "Range Not Satisfiable";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}

} // namespace emu
