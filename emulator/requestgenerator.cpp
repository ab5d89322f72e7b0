#include "requestgenerator.h"

#include "frontmatter.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <random>

namespace emu {

namespace {

constexpr std::array firstNames{
    "Amara",  "Aiko",   "Alejandro", "Ana",     "Arjun",   "Ben",     "Camille", "Chen",
    "Chloe",  "Daniel", "Dmitri",    "Elena",   "Emeka",   "Fatima",  "Felix",   "Giulia",
    "Hana",   "Hiroshi", "Ibrahim",  "Ines",    "Isabela", "Jakob",   "Jamal",   "Ji-woo",
    "Julia",  "Kai",    "Karin",     "Kwame",   "Lars",    "Layla",   "Lea",     "Liam",
    "Lucia",  "Malik",  "Marco",     "Maria",   "Mateo",   "Mei",     "Mohammed", "Nadia",
    "Nikhil", "Noah",   "Olga",      "Omar",    "Priya",   "Rafael",  "Ravi",    "Rosa",
    "Sakura", "Samuel", "Sara",      "Sofia",   "Tariq",   "Thanh",   "Tomas",   "Valentina",
    "Wei",    "Yara",   "Yusuf",     "Zanele",  "Zoe",     "Emma",    "Oliver",  "Ngozi"};
constexpr std::array lastNames{
    "Abe",     "Adeyemi", "Alvarez",  "Andersen", "Banerjee", "Becker",  "Bianchi",  "Chen",
    "Costa",   "Dubois",  "Eriksson", "Fernandes", "Fischer", "Garcia",  "Gupta",    "Haddad",
    "Hansen",  "Ivanova", "Jansen",   "Kim",      "Kowalski", "Kumar",   "Laurent",  "Li",
    "Lopez",   "Martin",  "Mensah",   "Moreau",   "Mueller",  "Nakamura", "Nguyen",  "Novak",
    "Okafor",  "Olsen",   "Park",     "Patel",    "Petrov",   "Popescu", "Rahman",   "Rossi",
    "Santos",  "Sato",    "Schmidt",  "Silva",    "Singh",    "Smith",   "Suzuki",   "Tanaka",
    "Torres",  "Tran",    "Usman",    "Vargas",   "Wang",     "Weber",   "Williams", "Wong",
    "Yamamoto", "Yilmaz", "Zhang",    "Zielinski", "Nowak",   "Hughes",  "Ortiz",    "Diallo"};
constexpr std::array mailDomains{"gmail.com",       "outlook.com",  "proton.me",
                                 "yahoo.com",       "fastmail.com", "uni-heidelberg.de",
                                 "mit.edu",         "ens.fr",       "u-tokyo.ac.jp",
                                 "iisc.ac.in",      "acme-ai.com",  "northwind.io",
                                 "contoso.com",     "tsinghua.edu.cn", "ethz.ch"};
constexpr std::array companies{"Acme AI",           "Northwind Labs",   "Contoso",
                               "Independent researcher", "University of Lagos", "ETH Zurich",
                               "Mila",              "Fabrikam",         "Globex Research",
                               "Initech",           "Student",          "Tsinghua University",
                               "Stark Analytics",   "Umbrella Health",  "Wayne Robotics",
                               "Freelance",         "Sorbonne Université", "KAIST"};
constexpr std::array jobTitles{"ML engineer", "Research scientist", "PhD student",
                               "Data scientist", "Software engineer", "Professor",
                               "CTO", "Hobbyist", "Product manager"};
constexpr std::array purposes{
    "Fine-tuning for a customer-support assistant",
    "Academic research on model evaluation",
    "Benchmarking against our internal models",
    "Teaching a graduate course on NLP",
    "Building a retrieval pipeline for legal documents",
    "Personal learning project",
    "Safety and red-teaming research",
    "Prototype for a medical triage tool (non-clinical)",
    "Translation for low-resource languages",
    "Reproducing the paper's results"};

std::vector<std::string> countryCodes()
{
    static const std::vector<std::string> codes = [] {
        std::vector<std::string> out;
        std::ifstream file("/usr/share/iso-codes/json/iso_3166-1.json");
        const Json doc = Json::parse(file, nullptr, false);
        if (!doc.is_discarded())
            for (const auto &country : doc.value("3166-1", Json::array()))
                out.push_back(country.value("alpha_2", std::string()));
        if (out.empty())
            throw std::runtime_error("iso-codes is not installed: "
                                     "/usr/share/iso-codes/json/iso_3166-1.json is missing");
        return out;
    }();
    return codes;
}

std::string lower(std::string text)
{
    for (char &c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string asciiSlug(const std::string &text)
{
    std::string out;
    for (char c : lower(text))
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += c;
    return out;
}

class Generator
{
public:
    Generator(HubState &state, Repo &repo, const GeneratorOptions &options)
        : m_state(state), m_repo(repo), m_options(options), m_random(options.seed),
          m_countries(countryCodes())
    {
        if (const Commit *head = repo.headCommit()) {
            const auto readme = head->files.find("README.md");
            if (readme != head->files.end())
                m_form = parseFrontMatter(readme->second).data.value("extra_gated_fields",
                                                                     Json::object());
        }
        if (!m_form.is_object())
            m_form = Json::object();
        m_reviewers.push_back(repo.ns);
        if (const Org *org = state.org(repo.ns)) {
            m_reviewers.clear();
            for (const auto &[member, role] : org->roles)
                if (role == "admin" || role == "write")
                    m_reviewers.push_back(member);
        }
    }

    int run()
    {
        const std::int64_t now = nowMs();
        const std::int64_t span = std::int64_t(m_options.spanDays) * 86400000LL;
        std::vector<std::int64_t> times(static_cast<std::size_t>(m_options.count));
        std::uniform_int_distribution<std::int64_t> when(now - span, now - 60000);
        for (auto &t : times)
            t = when(m_random);
        std::sort(times.begin(), times.end());

        std::vector<AccessRequest> requests = m_repo.requests();
        requests.reserve(requests.size() + times.size());
        std::uniform_real_distribution<double> share(0.0, 1.0);
        for (const std::int64_t t : times) {
            User account = makeUser();
            account.createdAtMs = t - 86400000LL * 30; // a month before the request
            const User &user = m_state.addUser(std::move(account));
            AccessRequest request;
            request.userId = user.id;
            request.timestampMs = t;
            const double roll = share(m_random);
            request.status = roll < m_options.pendingShare ? "pending"
                             : roll < m_options.pendingShare + m_options.acceptedShare
                                 ? "accepted"
                                 : "rejected";
            if (request.status != "pending") {
                std::uniform_int_distribution<std::int64_t> delay(60000, 5 * 86400000LL);
                request.reviewedAtMs = std::min(now, t + delay(m_random));
                if (m_repo.gated == "manual" || request.status == "rejected" || roll > 0.97)
                    request.grantedById = request.status == "accepted" ? reviewerId() : "";
            }
            request.fields = answers(user);
            requests.push_back(std::move(request));
        }
        m_repo.setRequests(std::move(requests));
        return m_options.count;
    }

private:
    template <typename List> std::string pick(const List &list)
    {
        std::uniform_int_distribution<std::size_t> index(0, list.size() - 1);
        return list[index(m_random)];
    }

    std::string reviewerId()
    {
        const User *user = m_state.userByName(pick(m_reviewers));
        return user ? user->id : std::string();
    }

    User makeUser()
    {
        const std::string first = pick(firstNames);
        const std::string last = pick(lastNames);
        std::uniform_int_distribution<int> style(0, 5);
        std::uniform_int_distribution<int> number(1, 9999);
        const std::string f = asciiSlug(first), l = asciiSlug(last);
        std::string base;
        switch (style(m_random)) {
        case 0: base = f + "-" + l; break;
        case 1: base = f + l; break;
        case 2: base = f.substr(0, 1) + l; break;
        case 3: base = f + "_" + l; break;
        case 4: base = l + f.substr(0, 1); break;
        default: base = f + std::to_string(number(m_random)); break;
        }
        std::string name = base;
        while (m_state.userByName(name))
            name = base + std::to_string(number(m_random));
        User user;
        user.name = name;
        user.fullname = first + " " + last;
        if (share() > 0.04)
            user.email = f + "." + l + std::to_string(number(m_random) % 100) + "@" +
                         pick(mailDomains);
        user.isPro = share() < 0.08;
        return user;
    }

    double share()
    {
        std::uniform_real_distribution<double> d(0.0, 1.0);
        return d(m_random);
    }

    std::string textAnswer(const std::string &field, const User &user)
    {
        const std::string key = lower(field);
        if (key.find("company") != std::string::npos || key.find("affiliation") != std::string::npos ||
            key.find("organi") != std::string::npos || key.find("institution") != std::string::npos)
            return pick(companies);
        if (key.find("name") != std::string::npos)
            return user.fullname;
        if (key.find("job") != std::string::npos || key.find("title") != std::string::npos ||
            key.find("role") != std::string::npos)
            return pick(jobTitles);
        return pick(purposes);
    }

    std::map<std::string, std::string> answers(const User &user)
    {
        std::map<std::string, std::string> out;
        for (const auto &[field, spec] : m_form.items()) {
            const std::string type =
                spec.is_string() ? spec.get<std::string>() : spec.value("type", std::string());
            if (type == "text") {
                out[field] = textAnswer(field, user);
            } else if (type == "checkbox") {
                if (share() > 0.05) // a few requesters leave a box unticked
                    out[field] = "on";
            } else if (type == "country") {
                out[field] = pick(m_countries);
            } else if (type == "date_picker") {
                std::uniform_int_distribution<int> year(1960, 2006), month(1, 12), day(1, 28);
                char date[16];
                std::snprintf(date, sizeof date, "%04d-%02d-%02d", year(m_random), month(m_random),
                              day(m_random));
                out[field] = date;
            } else if (type == "select" && spec.contains("options") && !spec["options"].empty()) {
                std::uniform_int_distribution<std::size_t> index(0, spec["options"].size() - 1);
                const Json &option = spec["options"][index(m_random)];
                out[field] = option.is_object() ? option["value"].get<std::string>()
                             : option.is_string() ? option.get<std::string>()
                                                  : option.dump();
            }
        }
        return out;
    }

    HubState &m_state;
    Repo &m_repo;
    GeneratorOptions m_options;
    std::mt19937_64 m_random;
    std::vector<std::string> m_countries;
    std::vector<std::string> m_reviewers;
    Json m_form;
};

} // namespace

int generateRequests(HubState &state, Repo &repo, const GeneratorOptions &options)
{
    if (options.count <= 0)
        return 0;
    return Generator(state, repo, options).run();
}

} // namespace emu
