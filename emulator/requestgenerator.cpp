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
                readForm(parseFrontMatter(readme->second).data.value("extra_gated_fields",
                                                                     Json::object()));
        }
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
        // Runs of requests that share one timestamp, to test paging over ties.
        const std::size_t run = std::size_t(std::max(1, m_options.sameTimestampRun));
        for (std::size_t i = 0; i < times.size(); ++i)
            times[i] = times[i - i % run];

        m_state.reserveUsers(times.size());
        std::vector<AccessRequest> requests;
        requests.reserve(m_repo.requests().size() + times.size());
        requests.insert(requests.end(), m_repo.requests().begin(), m_repo.requests().end());
        const std::size_t existing = requests.size();
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
        // Both parts are in time order: merging them spares setRequests a full sort.
        // New user ids grow with creation, so ties within the new part are in id order too.
        std::inplace_merge(requests.begin(), requests.begin() + std::ptrdiff_t(existing),
                           requests.end(), [](const AccessRequest &a, const AccessRequest &b) {
                               return a.timestampMs != b.timestampMs ? a.timestampMs < b.timestampMs
                                                                     : a.userId < b.userId;
                           });
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

    // One field of the gate form, read once instead of per request.
    struct FormField
    {
        enum class Kind { Text, Checkbox, Country, Date, Select };
        enum class Topic { Company, Name, Job, Purpose }; // what a text field asks for
        std::string name;
        Kind kind = Kind::Text;
        Topic topic = Topic::Purpose;
        std::vector<std::string> options; // select values
    };

    void readForm(const Json &form)
    {
        if (!form.is_object())
            return;
        for (const auto &[name, spec] : form.items()) {
            FormField field;
            field.name = name;
            const std::string type =
                spec.is_string() ? spec.get<std::string>() : spec.value("type", std::string());
            if (type == "text") {
                field.topic = topicOf(name);
            } else if (type == "checkbox") {
                field.kind = FormField::Kind::Checkbox;
            } else if (type == "country") {
                field.kind = FormField::Kind::Country;
            } else if (type == "date_picker") {
                field.kind = FormField::Kind::Date;
            } else if (type == "select" && spec.contains("options") && !spec["options"].empty()) {
                field.kind = FormField::Kind::Select;
                for (const Json &option : spec["options"]) {
                    const Json value = option.is_object() ? option.value("value", Json()) : option;
                    field.options.push_back(value.is_string() ? value.get<std::string>() : value.dump());
                }
            } else {
                continue; // unknown types get no answer
            }
            m_fields.push_back(std::move(field));
        }
        // Answers go into a sorted map: inserting in key order keeps that cheap.
        for (std::size_t i = 0; i < m_fields.size(); ++i)
            m_byName.push_back(i);
        std::sort(m_byName.begin(), m_byName.end(),
                  [this](std::size_t a, std::size_t b) { return m_fields[a].name < m_fields[b].name; });
        m_values.resize(m_fields.size());
    }

    static FormField::Topic topicOf(const std::string &field)
    {
        const std::string key = lower(field);
        if (key.find("company") != std::string::npos || key.find("affiliation") != std::string::npos ||
            key.find("organi") != std::string::npos || key.find("institution") != std::string::npos)
            return FormField::Topic::Company;
        if (key.find("name") != std::string::npos)
            return FormField::Topic::Name;
        if (key.find("job") != std::string::npos || key.find("title") != std::string::npos ||
            key.find("role") != std::string::npos)
            return FormField::Topic::Job;
        return FormField::Topic::Purpose;
    }

    std::string textAnswer(FormField::Topic topic, const User &user)
    {
        switch (topic) {
        case FormField::Topic::Company: return pick(companies);
        case FormField::Topic::Name: return user.fullname;
        case FormField::Topic::Job: return pick(jobTitles);
        case FormField::Topic::Purpose: break;
        }
        return pick(purposes);
    }

    std::string randomDate()
    {
        std::uniform_int_distribution<int> year(1960, 2006), month(1, 12), day(1, 28);
        // The same draw order as the former snprintf(..., year, month, day) compiled by GCC.
        const int d = day(m_random), m = month(m_random), y = year(m_random);
        std::string date = "0000-00-00";
        for (int i = 3, v = y; i >= 0; --i, v /= 10)
            date[std::size_t(i)] = char('0' + v % 10);
        date[5] = char('0' + m / 10);
        date[6] = char('0' + m % 10);
        date[8] = char('0' + d / 10);
        date[9] = char('0' + d % 10);
        return date;
    }

    // Answers in form order (the random draws follow it), stored by name.
    std::map<std::string, std::string> answers(const User &user)
    {
        for (std::size_t i = 0; i < m_fields.size(); ++i) {
            const FormField &field = m_fields[i];
            std::string &value = m_values[i];
            value.clear();
            switch (field.kind) {
            case FormField::Kind::Text: value = textAnswer(field.topic, user); break;
            case FormField::Kind::Checkbox:
                if (share() > 0.05) // a few requesters leave a box unticked
                    value = "on";
                break;
            case FormField::Kind::Country: value = pick(m_countries); break;
            case FormField::Kind::Date: value = randomDate(); break;
            case FormField::Kind::Select: value = pick(field.options); break;
            }
        }
        std::map<std::string, std::string> out;
        for (const std::size_t i : m_byName)
            if (!m_values[i].empty())
                out.emplace_hint(out.end(), m_fields[i].name, std::move(m_values[i]));
        return out;
    }

    HubState &m_state;
    Repo &m_repo;
    GeneratorOptions m_options;
    std::mt19937_64 m_random;
    std::vector<std::string> m_countries;
    std::vector<std::string> m_reviewers;
    std::vector<FormField> m_fields;
    std::vector<std::size_t> m_byName; // indexes of m_fields sorted by name
    std::vector<std::string> m_values;  // scratch: one answer per field
};

} // namespace

int generateRequests(HubState &state, Repo &repo, const GeneratorOptions &options)
{
    if (options.count <= 0)
        return 0;
    return Generator(state, repo, options).run();
}

} // namespace emu
