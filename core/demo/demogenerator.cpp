#include "demo/demogenerator.h"

#include <QFile>
#include <QObject>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace sl {

namespace {

// xoshiro256** seeded through splitmix64: small, fast, and the same everywhere.
class Random
{
public:
    explicit Random(std::uint64_t seed)
    {
        for (auto &word : m_state) {
            seed += 0x9E3779B97F4A7C15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            word = z ^ (z >> 31);
        }
    }
    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; } // [0, 1)
    bool chance(double p) { return uniform() < p; }
    int below(int n) { return int(uniform() * n); }
    // Log-normal with the given median and spread (sigma of the underlying normal).
    double logNormal(double median, double sigma)
    {
        // Box-Muller, written out so the result does not depend on a library's algorithm.
        const double u1 = std::max(uniform(), 1e-12);
        const double u2 = uniform();
        const double normal = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
        return median * std::exp(sigma * normal);
    }
    template<typename T, std::size_t N>
    int weighted(const std::array<T, N> &weights)
    {
        double total = 0;
        for (const T &w : weights)
            total += double(w);
        double pick = uniform() * total;
        for (std::size_t i = 0; i < N; ++i) {
            pick -= double(weights[i]);
            if (pick < 0)
                return int(i);
        }
        return int(N - 1);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<std::uint64_t, 4> m_state{};
};

enum Team { Tier1, Tier2, Billing, Onboarding, Enterprise, Emea, TeamCount };

const std::vector<std::string> teamNames = {"Tier 1", "Tier 2", "Billing", "Onboarding", "Enterprise", "EMEA"};

const std::vector<DemoAgent> agents = {
    {"Zoë Müller", Tier1},       {"José Núñez", Tier1},        {"Aiko Tanaka", Tier1},
    {"Ngozi Okafor", Tier1},     {"Liam O'Brien", Tier1},      {"Dương Minh", Tier1},
    {"Sofia Rossi", Tier1},      {"Mateo García", Tier1},      {"Priya Raman", Tier1},
    {"Chloé Dubois", Tier1},     {"Jonas Berg", Tier1},        {"Amara Nwosu", Tier1},
    {"Łukasz Wójcik", Tier2},    {"Søren Kjær", Tier2},        {"Hannah Schäfer", Tier2},
    {"Tomás Ó Briain", Tier2},   {"Mei Lin", Tier2},           {"Kwame Mensah", Tier2},
    {"Isabela Conceição", Tier2}, {"Olivia Smith", Billing},    {"Noah Williams", Billing},
    {"Fatima Zahra", Billing},   {"Björn Lindqvist", Billing}, {"Camille Lefèvre", Billing},
    {"Emma Johansson", Onboarding}, {"Rafael Peña", Onboarding}, {"Yuki Sato", Onboarding},
    {"Ana Ruiz", Onboarding},    {"Grace Kim", Enterprise},    {"Ahmed Hassan", Enterprise},
    {"Elena Popescu", Enterprise}, {"Lucas Martin", Enterprise}, {"Kofi Boateng", Enterprise},
    {"François Girard", Emea},   {"Anneliese Groß", Emea},     {"Giulia Bianchi", Emea},
    {"Jan Novák", Emea},         {"Marta Żak", Emea},          {"Pieter de Vries", Emea},
    {"Ilse Van den Broeck", Emea},
};

// Per agent: how fast (a multiplier on reply times) and how well (chance of a good rating).
struct AgentProfile
{
    double speed;
    double quality;
    double startFraction; // of the period: when the agent joined
    double endFraction;   // when the agent left
};

constexpr std::array<const char *, 12> topics = {"billing", "refund", "login", "bug", "feature_request", "shipping",
                                                 "onboarding", "outage", "account", "integration", "performance",
                                                 "cancellation"};
constexpr std::array<double, 12> topicWeights = {14, 8, 12, 10, 6, 9, 7, 3, 9, 8, 6, 8};

const std::array<std::vector<const char *>, 12> subjectTemplates = {{
    {"Invoice %n looks wrong", "Charged twice this month", "Question about my bill, please help",
     "VAT number missing on invoice", "Can I pay by bank transfer?", "Preis für Jahresabo?"},
    {"Refund request for order %n", "Please refund, the product arrived broken",
     "Refund still not received", "Geld zurück für Bestellung %n"},
    {"Can't log in — \"Invalid token\" error", "Password reset email never arrives", "Locked out of my account",
     "2FA code not accepted", "Login loop on mobile app"},
    {"Export to CSV fails", "App crashes when I open reports", "Error 500 on the dashboard",
     "Numbers don't add up in the \"Summary\" view", "Button does nothing, tried twice"},
    {"Feature request: dark mode", "Could you add an API for tags?", "Wish: bulk edit, please",
     "Idea — scheduled reports"},
    {"Where is my order %n?", "Package marked delivered, but nothing here", "Shipping to Österreich?",
     "Tracking number doesn't work"},
    {"How do I invite my team?", "Getting started with the import", "Onboarding call, next week?",
     "Setting up SSO for our company"},
    {"Service down?", "Everything is slow, is there an outage?", "Can't reach the site at all",
     "Status page says OK, but nothing loads"},
    {"Change the e-mail on my account", "Delete my account, please", "Update billing address",
     "Merge two accounts"},
    {"Slack integration stopped syncing", "Zapier webhook returns 401", "Salesforce sync, duplicate contacts",
     "API rate limit — what is it?"},
    {"Reports take minutes to load", "Search is very slow since Monday", "Timeouts on large exports"},
    {"Cancel my subscription", "How do I downgrade?", "Cancel, but keep my data, please"},
}};

constexpr std::array<const char *, 32> firstNames = {
    "Anna", "Ben", "Carla", "Daniel", "Eva", "Farid", "Gabriela", "Hugo", "Irene", "Jakub", "Karin",
    "Leon", "María", "Nils", "Oksana", "Pablo", "Quentin", "Rosa", "Sven", "Thi", "Ursula", "Viktor",
    "Wen", "Xavier", "Yara", "Zeynep", "Émile", "Åsa", "Chidi", "Dorota", "Ines", "Kenji"};
constexpr std::array<const char *, 32> lastNames = {
    "Schmidt", "Jones", "Díaz", "Wu", "Green", "Olsen", "Kowalski", "Ferreira", "Nakamura", "Brown",
    "Müller", "Rossi", "Dupont", "Novak", "Andersen", "Moreau", "Silva", "Yılmaz", "Nguyễn", "Hansen",
    "Costa", "Fischer", "Ivanova", "Kelly", "López", "Meyer", "Okoro", "Pereira", "Quinn", "Sato",
    "Weiß", "Ahmed"};
constexpr std::array<const char *, 8> domains = {"example.com", "example.org", "example.net", "mail.example",
                                                 "acme.example", "globex.example", "initech.example",
                                                 "umbrella.example"};
constexpr std::array<const char *, 8> organizations = {"", "", "", "Acme Corp", "Globex", "Initech", "Umbrella Ltd",
                                                       "Stark Industries"};

std::string asciiLower(const char *utf8)
{
    // E-mail local parts: keep ASCII letters only ("Müller" -> "mller" would look odd: map a few).
    std::string out;
    const std::string_view text(utf8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (std::isalpha(c))
                out.push_back(char(std::tolower(c)));
            continue;
        }
        // Two-byte Latin letters: map by their second byte's rough vowel or consonant.
        if (c == 0xC3 && i + 1 < text.size()) {
            const auto n = static_cast<unsigned char>(text[i + 1]);
            // Latin-1 letters U+00C0..U+00FF, in order.
            static constexpr char map[65] = "aaaaaaaceeeeiiiidnooooo_ouuuuytsaaaaaaaceeeeiiiidnooooo_ouuuuyty";
            out.push_back(map[n & 0x3F]);
            ++i;
        } else if (c >= 0xC4 && c <= 0xC5 && i + 1 < text.size()) {
            out.push_back('l');
            ++i;
        }
    }
    return out;
}

void formatTwo(std::string &out, int value)
{
    out.push_back(char('0' + value / 10));
    out.push_back(char('0' + value % 10));
}

struct Civil
{
    int year, month, day, hour, minute, second;
};

Civil civilFromSeconds(std::int64_t seconds)
{
    std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    const auto secondsOfDay = int(seconds - days * 86400);
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = unsigned(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const auto day = int(doy - (153 * mp + 2) / 5 + 1);
    const auto month = int(mp < 10 ? mp + 3 : mp - 9);
    const auto year = int(std::int64_t(yoe) + era * 400 + (month <= 2 ? 1 : 0));
    return {year, month, day, secondsOfDay / 3600, secondsOfDay / 60 % 60, secondsOfDay % 60};
}

// "2024-03-05 14:30" / "2024-03-05 14:30:15" / "2024-03-05T14:30:15Z"
void appendTime(std::string &out, std::int64_t seconds, bool withSeconds, bool iso)
{
    const Civil c = civilFromSeconds(seconds);
    out += std::to_string(c.year);
    out.push_back('-');
    formatTwo(out, c.month);
    out.push_back('-');
    formatTwo(out, c.day);
    out.push_back(iso ? 'T' : ' ');
    formatTwo(out, c.hour);
    out.push_back(':');
    formatTwo(out, c.minute);
    if (withSeconds || iso) {
        out.push_back(':');
        formatTwo(out, c.second);
    }
    if (iso)
        out.push_back('Z');
}

std::int64_t toSeconds(const QDate &date)
{
    return QDate(1970, 1, 1).daysTo(date) * 86400;
}

void appendField(std::string &out, std::string_view value)
{
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += value;
        return;
    }
    out.push_back('"');
    for (char c : value) {
        if (c == '"')
            out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

void appendFixed2(std::string &out, double value)
{
    const auto hundredths = std::int64_t(std::llround(value * 100));
    out += std::to_string(hundredths / 100);
    out.push_back('.');
    formatTwo(out, int(hundredths % 100));
}

} // namespace

QString demoFormatName(DemoFormat format)
{
    switch (format) {
    case DemoFormat::ZendeskLegacy: return QStringLiteral("zendesk");
    case DemoFormat::ZendeskExplore: return QStringLiteral("zendesk-explore");
    case DemoFormat::Freshdesk: return QStringLiteral("freshdesk");
    }
    return {};
}

const std::vector<DemoAgent> &demoAgents()
{
    return agents;
}

const std::vector<std::string> &demoTeams()
{
    return teamNames;
}

std::int64_t demoBusinessSeconds(std::int64_t from, std::int64_t to)
{
    if (to <= from)
        return 0;
    constexpr std::int64_t open = 9 * 3600, close = 17 * 3600;
    std::int64_t total = 0;
    std::int64_t day = from >= 0 ? from / 86400 : (from - 86399) / 86400;
    const std::int64_t lastDay = to >= 0 ? to / 86400 : (to - 86399) / 86400;
    // Whole weeks in one step, so a year-long ticket costs no more than a day-long one.
    if (lastDay - day > 14) {
        const std::int64_t weeks = (lastDay - day - 7) / 7;
        total += weeks * 5 * (close - open);
        const std::int64_t skipped = weeks * 7;
        from += skipped * 86400;
        day += skipped;
    }
    for (; day <= lastDay; ++day) {
        const std::int64_t weekday = ((day % 7) + 7 + 3) % 7; // 0 = Monday (1970-01-01 was a Thursday)
        if (weekday >= 5)
            continue;
        const std::int64_t start = std::max(from, day * 86400 + open);
        const std::int64_t end = std::min(to, day * 86400 + close);
        if (end > start)
            total += end - start;
    }
    return total;
}

struct DemoGenerator::Impl
{
    DemoOptions options;
    Random random;
    QDate first;
    std::int64_t dayCount = 0;
    std::vector<std::int64_t> ticketsPerDay;
    std::vector<AgentProfile> profiles;
    std::int64_t dataEnd = 0; // first second after the last day

    std::int64_t day = -1;
    std::vector<DemoTicket> today;
    std::size_t todayIndex = 0;
    std::int64_t nextId = 1;
    std::int64_t customers = 0;
    std::int64_t spikeTopic[4] = {7, 2, 3, 7}; // outage, login, bug, outage
    std::vector<std::int64_t> spikeDays;

    explicit Impl(const DemoOptions &o)
        : options(o)
        , random(o.seed)
    {
        first = options.lastDay.addDays(1).addMonths(-options.months);
        dayCount = first.daysTo(options.lastDay) + 1;
        dataEnd = toSeconds(options.lastDay) + 86400;

        Random setup(options.seed ^ 0xA5A5A5A5ULL);
        for (std::size_t i = 0; i < agents.size(); ++i) {
            AgentProfile profile{0.6 + 0.9 * setup.uniform(), 0.78 + 0.18 * setup.uniform(), 0.0, 1.01};
            profiles.push_back(profile);
        }
        profiles[5].startFraction = 0.5;  // a new hire half way through
        profiles[5].quality = 0.8;
        profiles[16].endFraction = 0.65;  // someone who left
        profiles[3].speed = 0.45;         // the fastest
        profiles[21].speed = 1.7;         // the slowest

        for (int i = 0; i < 4; ++i)
            spikeDays.push_back(std::int64_t(double(dayCount) * (0.15 + 0.22 * i + 0.05 * setup.uniform())));

        // Daily volume: growth, weekday pattern and incident spikes; distributed exactly (largest
        // remainder) so the total is the requested count.
        std::vector<double> weights(static_cast<std::size_t>(dayCount));
        double total = 0;
        static constexpr std::array<double, 7> weekdayFactor = {1.25, 1.1, 1.05, 1.0, 0.9, 0.32, 0.28};
        for (std::int64_t d = 0; d < dayCount; ++d) {
            const int weekday = first.addDays(d).dayOfWeek() - 1;
            double w = (1.0 + 0.4 * double(d) / double(dayCount)) * weekdayFactor[std::size_t(weekday)];
            w *= 0.9 + 0.2 * setup.uniform();
            for (std::int64_t spike : spikeDays) {
                if (d == spike)
                    w *= 4.0;
                else if (d == spike + 1)
                    w *= 2.0;
            }
            weights[std::size_t(d)] = w;
            total += w;
        }
        ticketsPerDay.resize(std::size_t(dayCount));
        std::vector<std::pair<double, std::int64_t>> remainders;
        std::int64_t assigned = 0;
        for (std::int64_t d = 0; d < dayCount; ++d) {
            const double exact = double(options.tickets) * weights[std::size_t(d)] / total;
            const auto whole = std::int64_t(exact);
            ticketsPerDay[std::size_t(d)] = whole;
            assigned += whole;
            remainders.emplace_back(exact - double(whole), d);
        }
        std::stable_sort(remainders.begin(), remainders.end(),
                         [](const auto &a, const auto &b) { return a.first > b.first; });
        for (std::int64_t i = 0; assigned < options.tickets; ++i, ++assigned)
            ++ticketsPerDay[std::size_t(remainders[std::size_t(i % dayCount)].second)];
    }

    int spikeIndex(std::int64_t d) const
    {
        for (std::size_t i = 0; i < spikeDays.size(); ++i) {
            if (d == spikeDays[i] || d == spikeDays[i] + 1)
                return int(i);
        }
        return -1;
    }

    int pickAgent(int team, double fraction)
    {
        std::array<int, 64> candidates{};
        int count = 0;
        for (std::size_t i = 0; i < agents.size(); ++i) {
            if (agents[i].team == team && fraction >= profiles[i].startFraction && fraction < profiles[i].endFraction)
                candidates[std::size_t(count++)] = int(i);
        }
        return count ? candidates[std::size_t(random.below(count))] : -1;
    }

    void makeDay()
    {
        today.clear();
        todayIndex = 0;
        const std::int64_t count = ticketsPerDay[std::size_t(day)];
        const std::int64_t dayStart = toSeconds(first.addDays(day));
        const double fraction = double(day) / double(dayCount);
        const int spike = spikeIndex(day);
        // Hour-of-day profile (UTC): night trickle, morning ramp, a lunch dip, a long afternoon.
        static constexpr std::array<double, 24> hourWeights = {1, 1, 1, 1, 1, 2, 3, 6, 10, 13, 14, 13,
                                                               10, 12, 13, 12, 11, 9, 7, 5, 4, 3, 2, 1};
        std::vector<std::int64_t> times(static_cast<std::size_t>(count));
        for (auto &t : times)
            t = dayStart + random.weighted(hourWeights) * 3600 + random.below(3600);
        std::sort(times.begin(), times.end());
        for (std::int64_t created : times) {
            DemoTicket t;
            t.createdAt = created;
            fill(t, fraction, spike);
            today.push_back(std::move(t));
        }
    }

    void fill(DemoTicket &t, double fraction, int spike)
    {
        static constexpr std::array<double, 6> channelWeights = {45, 20, 18, 10, 5, 2};
        static constexpr std::array<const char *, 6> channels = {"Email", "Web", "Chat", "Phone", "Social", "API"};
        t.channel = channels[std::size_t(random.weighted(channelWeights))];
        if (t.channel == "Social")
            t.socialNetwork = random.chance(0.6) ? "Twitter" : "Facebook";
        static constexpr std::array<double, 4> priorityWeights = {25, 50, 20, 5};
        static constexpr std::array<const char *, 4> priorities = {"low", "normal", "high", "urgent"};
        const int priority = random.weighted(priorityWeights);
        t.priority = priorities[std::size_t(priority)];

        int topic = random.weighted(topicWeights);
        if (spike >= 0 && random.chance(0.7))
            topic = int(spikeTopic[spike]);
        t.topic = topics[std::size_t(topic)];
        t.tags = t.topic;
        if (random.chance(0.12))
            t.tags += " vip";
        if (t.channel == "Chat" && random.chance(0.3))
            t.tags += " chatbot_handoff";
        static constexpr std::array<const char *, 4> types = {"question", "incident", "problem", "task"};
        t.type = types[std::size_t(topic == 3 || topic == 7 ? 1 + random.below(2) : (random.chance(0.8) ? 0 : 3))];

        // Requesters: most tickets come from people who wrote before.
        if (customers > 50 && random.chance(0.6)) {
            // Skewed towards recent customers, as real repeat contacts are.
            const double u = random.uniform();
            t.customer = customers - std::int64_t(double(customers) * u * u * u);
            if (t.customer < 1)
                t.customer = 1;
        } else {
            t.customer = ++customers;
        }
        Random person(t.customer * 0x9E3779B97F4A7C15ULL ^ options.seed);
        const char *firstName = firstNames[std::size_t(person.below(int(firstNames.size())))];
        const char *lastName = lastNames[std::size_t(person.below(int(lastNames.size())))];
        t.requesterName = std::string(firstName) + ' ' + lastName;
        t.requesterEmail = asciiLower(firstName) + '.' + asciiLower(lastName) + std::to_string(t.customer) + '@'
                           + domains[std::size_t(person.below(int(domains.size())))];
        t.organization = organizations[std::size_t(person.below(int(organizations.size())))];
        const bool enterprise = !t.organization.empty() && person.chance(0.5);

        // Team by topic and customer; agent within the team.
        if (enterprise)
            t.team = Enterprise;
        else if (topic == 0 || topic == 1 || topic == 11)
            t.team = Billing;
        else if (topic == 6)
            t.team = Onboarding;
        else if (topic == 3 || topic == 7 || topic == 9 || topic == 10)
            t.team = Tier2;
        else
            t.team = random.chance(0.25) ? Emea : Tier1;
        t.agent = pickAgent(t.team, fraction);
        if (t.agent < 0)
            t.agent = pickAgent(Tier1, fraction);
        const AgentProfile &profile = profiles[std::size_t(t.agent)];

        // Subject from the topic's templates; now and then a newline pasted in by the customer.
        const auto &templates = subjectTemplates[std::size_t(topic)];
        std::string subject = templates[std::size_t(random.below(int(templates.size())))];
        if (const std::size_t at = subject.find("%n"); at != std::string::npos)
            subject.replace(at, 2, std::to_string(100000 + random.below(900000)));
        if (random.chance(0.002))
            subject += "\nSent from my phone";
        t.subject = std::move(subject);

        // First reply: seconds for phone and chat, minutes for social, hours for e-mail.
        double replyMinutes = 0;
        if (t.channel == "Phone")
            replyMinutes = random.logNormal(0.4, 0.6);
        else if (t.channel == "Chat")
            replyMinutes = random.logNormal(1.2, 0.8);
        else if (t.channel == "Social")
            replyMinutes = random.logNormal(50, 1.0);
        else
            replyMinutes = random.logNormal(150, 1.1);
        replyMinutes *= profile.speed * (priority == 3 ? 0.5 : priority == 2 ? 0.8 : 1.0);
        if (spike >= 0)
            replyMinutes *= 2.5;
        const bool neverReplied = random.chance(0.015);
        const std::int64_t firstReply = t.createdAt + std::max<std::int64_t>(5, std::int64_t(replyMinutes * 60));

        // Replies, reopens, resolution.
        if (t.channel == "Phone")
            t.replies = 1;
        else if (t.channel == "Chat")
            t.replies = random.chance(0.8) ? 1 : 2;
        else
            t.replies = 1 + random.weighted(std::array<double, 6>{35, 30, 17, 10, 5, 3});
        t.reopens = random.chance(0.08) ? (random.chance(0.15) ? 2 : 1) : 0;
        t.replies += t.reopens;
        t.customerReplies = std::max(0, t.replies - 1 + random.below(2));
        double resolutionHours = 0;
        if (t.channel == "Phone")
            resolutionHours = random.logNormal(0.25, 0.8);
        else if (t.channel == "Chat")
            resolutionHours = random.logNormal(0.4, 0.9);
        else
            resolutionHours = random.logNormal(14, 1.2);
        resolutionHours *= profile.speed * (1.0 + 0.6 * (t.replies - 1)) + 30.0 * t.reopens;
        const std::int64_t solved = firstReply + std::int64_t(resolutionHours * 3600);

        if (!neverReplied && firstReply < dataEnd)
            t.firstReplyAt = firstReply;
        // A few recent tickets sit forgotten in a queue; older ones were all dealt with in the end.
        const bool stillOpen = dataEnd - t.createdAt < 30 * 86400 && random.chance(0.03);
        // Spam and duplicates: closed a few days later without a reply.
        const std::int64_t closedUnanswered = t.createdAt + (2 + random.below(4)) * 86400;
        if (t.firstReplyAt && solved < dataEnd && !stillOpen) {
            t.solvedAt = solved;
            t.status = dataEnd - solved < 4 * 86400 ? "solved" : "closed";
        } else if (neverReplied && closedUnanswered < dataEnd) {
            t.solvedAt = closedUnanswered;
            t.status = "closed";
            t.replies = 0;
            t.reopens = 0;
        } else {
            static constexpr std::array<const char *, 4> openStates = {"new", "open", "pending", "hold"};
            t.status = t.firstReplyAt ? openStates[std::size_t(1 + random.below(3))] : "new";
            t.reopens = std::min(t.reopens, 0);
            t.replies = t.firstReplyAt ? t.replies : 0;
        }
        t.updatedAt = t.solvedAt ? *t.solvedAt : (t.firstReplyAt ? *t.firstReplyAt : t.createdAt);

        // Time tracked.
        if (t.channel == "Phone")
            t.handleSeconds = std::int64_t(random.logNormal(420, 0.5));
        else if (t.channel == "Chat")
            t.handleSeconds = std::int64_t(random.logNormal(540, 0.5));
        else
            t.handleSeconds = std::int64_t(random.logNormal(360, 0.7) * std::max(1, t.replies));
        if (!t.firstReplyAt)
            t.handleSeconds = 0;

        // Satisfaction: a quarter of solved tickets rated, some offered and ignored.
        if (t.solvedAt && t.firstReplyAt) {
            const double u = random.uniform();
            if (u < 0.25) {
                double good = profile.quality - 0.25 * t.reopens - (resolutionHours > 48 ? 0.1 : 0.0);
                const bool isGood = random.chance(std::clamp(good, 0.3, 0.98));
                t.satisfaction = isGood ? DemoSatisfaction::Good : DemoSatisfaction::Bad;
                t.satisfactionScore = isGood ? (random.chance(0.7) ? 5 : 4) : 1 + random.below(3);
            } else if (u < 0.55) {
                t.satisfaction = DemoSatisfaction::Offered;
            }
        }
    }
};

DemoGenerator::DemoGenerator(const DemoOptions &options)
    : d(std::make_unique<Impl>(options))
{
}

DemoGenerator::~DemoGenerator() = default;

QDate DemoGenerator::firstDay() const
{
    return d->first;
}

QDate DemoGenerator::lastDay() const
{
    return d->options.lastDay;
}

bool DemoGenerator::next(DemoTicket &ticket)
{
    while (d->todayIndex >= d->today.size()) {
        if (d->day + 1 >= d->dayCount)
            return false;
        ++d->day;
        d->makeDay();
    }
    ticket = std::move(d->today[d->todayIndex++]);
    ticket.id = d->nextId++;
    return true;
}

namespace {

const char *zendeskHeader =
    "Summation column,Id,Requester,Requester id,Requester external id,Requester email,Requester domain,Submitter,"
    "Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Assigned at,Organization,"
    "Due date,Initially assigned at,Solved at,Resolution time,Satisfaction Score,Group stations,Assignee stations,"
    "Reopens,Replies,First reply time in minutes,First reply time in minutes within business hours,"
    "First resolution time in minutes,First resolution time in minutes within business hours,"
    "Full resolution time in minutes,Full resolution time in minutes within business hours,"
    "Agent wait time in minutes,Agent wait time in minutes within business hours,Requester wait time in minutes,"
    "Requester wait time in minutes within business hours,On hold time in minutes,"
    "On hold time in minutes within business hours,Total time spent (sec) [int]\n";

const char *exploreHeader =
    "Ticket ID,Ticket subject,Ticket status,Ticket priority,Ticket channel,Ticket group,Assignee name,Requester name,"
    "Requester email,Ticket created - Timestamp,Ticket solved - Timestamp,First reply time (min),"
    "First reply time - Business hours (min),Full resolution time (hrs),Full resolution time - Business hours (hrs),"
    "Ticket tags,Reopens,Agent replies,Ticket satisfaction rating\n";

const char *freshdeskHeader =
    "Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Due by Time,Resolved time,Closed time,"
    "Last update time,Initial response time,Time tracked,First response time (in hrs),Resolution time (in hrs),"
    "Agent interactions,Customer interactions,Resolution status,First response status,Tags,Survey results,Product,"
    "Full name,Email,Contact ID\n";

std::string zendeskVia(const DemoTicket &t)
{
    if (t.channel == "Email") return "Mail";
    if (t.channel == "Web") return "Web form";
    if (t.channel == "Phone") return "Phone call (inbound)";
    if (t.channel == "Social") return t.socialNetwork;
    return t.channel; // Chat, API
}

std::int64_t minutesBetween(std::int64_t from, std::int64_t to)
{
    return (to - from + 30) / 60;
}

// Two columns: calendar and business-hour minutes to the first reply, both empty without one.
void appendFirstReplyMinutes(std::string &out, const DemoTicket &t)
{
    if (t.firstReplyAt) {
        out += std::to_string(minutesBetween(t.createdAt, *t.firstReplyAt));
        out.push_back(',');
        out += std::to_string(demoBusinessSeconds(t.createdAt, *t.firstReplyAt) / 60);
    } else {
        out.push_back(',');
    }
}

void writeZendesk(std::string &out, const DemoTicket &t)
{
    const std::string agent = t.agent >= 0 ? agents[std::size_t(t.agent)].name : "";
    out.push_back(','); // Summation column: empty on ticket rows
    out += std::to_string(t.id);
    out.push_back(',');
    appendField(out, t.requesterName);
    out.push_back(',');
    out += std::to_string(100000 + t.customer);
    out += ",,"; // external id
    appendField(out, t.requesterEmail);
    out.push_back(',');
    out += t.requesterEmail.substr(t.requesterEmail.find('@') + 1);
    out.push_back(',');
    appendField(out, t.requesterName); // submitter
    out.push_back(',');
    appendField(out, agent);
    out.push_back(',');
    appendField(out, teamNames[std::size_t(t.team)]);
    out.push_back(',');
    appendField(out, t.subject);
    out.push_back(',');
    out += t.tags;
    out.push_back(',');
    out += t.status;
    out.push_back(',');
    out += t.priority;
    out.push_back(',');
    out += zendeskVia(t);
    out.push_back(',');
    out += t.type;
    out.push_back(',');
    appendTime(out, t.createdAt, false, false);
    out.push_back(',');
    appendTime(out, t.updatedAt, false, false);
    out.push_back(',');
    const std::int64_t assigned = t.createdAt + 60;
    appendTime(out, assigned, false, false);
    out.push_back(',');
    appendField(out, t.organization);
    out.push_back(','); // due date
    out.push_back(',');
    appendTime(out, assigned, false, false);
    out.push_back(',');
    if (t.solvedAt)
        appendTime(out, *t.solvedAt, false, false);
    out.push_back(',');
    if (t.solvedAt)
        out += std::to_string((*t.solvedAt - t.createdAt) / 3600);
    out.push_back(',');
    switch (t.satisfaction) {
    case DemoSatisfaction::Unoffered: out += "Unoffered"; break;
    case DemoSatisfaction::Offered: out += "Offered"; break;
    case DemoSatisfaction::Good: out += "Good"; break;
    case DemoSatisfaction::Bad: out += "Bad"; break;
    }
    out += ",1,1,"; // group and assignee stations
    out += std::to_string(t.reopens);
    out.push_back(',');
    out += std::to_string(t.replies);
    out.push_back(',');
    appendFirstReplyMinutes(out, t);
    out.push_back(',');
    if (t.solvedAt) {
        // First resolution equals full resolution unless the ticket was reopened.
        const std::int64_t firstSolved = t.reopens ? t.createdAt + (*t.solvedAt - t.createdAt) / 3 : *t.solvedAt;
        out += std::to_string(minutesBetween(t.createdAt, firstSolved));
        out.push_back(',');
        out += std::to_string(demoBusinessSeconds(t.createdAt, firstSolved) / 60);
        out.push_back(',');
        out += std::to_string(minutesBetween(t.createdAt, *t.solvedAt));
        out.push_back(',');
        out += std::to_string(demoBusinessSeconds(t.createdAt, *t.solvedAt) / 60);
        out.push_back(',');
        const std::int64_t full = minutesBetween(t.createdAt, *t.solvedAt);
        const std::int64_t agentWait = full * 2 / 3;
        out += std::to_string(agentWait);
        out.push_back(',');
        out += std::to_string(demoBusinessSeconds(t.createdAt, t.createdAt + agentWait * 60) / 60);
        out.push_back(',');
        out += std::to_string(full - agentWait);
        out.push_back(',');
        out += std::to_string(demoBusinessSeconds(t.createdAt, t.createdAt + (full - agentWait) * 60) / 60);
        out += ",0,0,";
    } else {
        out += ",,,,,,,,0,0,";
    }
    if (t.handleSeconds > 0)
        out += std::to_string(t.handleSeconds);
    out.push_back('\n');
}

void writeExplore(std::string &out, const DemoTicket &t)
{
    out += std::to_string(t.id);
    out.push_back(',');
    appendField(out, t.subject);
    out.push_back(',');
    std::string status = t.status;
    status[0] = char(std::toupper(static_cast<unsigned char>(status[0])));
    out += status;
    out.push_back(',');
    std::string priority = t.priority;
    priority[0] = char(std::toupper(static_cast<unsigned char>(priority[0])));
    out += priority;
    out.push_back(',');
    if (t.channel == "Web")
        out += "Web form";
    else if (t.channel == "Phone")
        out += "Phone call (incoming)";
    else if (t.channel == "Social")
        out += t.socialNetwork;
    else
        out += t.channel;
    out.push_back(',');
    appendField(out, teamNames[std::size_t(t.team)]);
    out.push_back(',');
    appendField(out, t.agent >= 0 ? agents[std::size_t(t.agent)].name : "");
    out.push_back(',');
    appendField(out, t.requesterName);
    out.push_back(',');
    appendField(out, t.requesterEmail);
    out.push_back(',');
    appendTime(out, t.createdAt, true, true);
    out.push_back(',');
    if (t.solvedAt)
        appendTime(out, *t.solvedAt, true, true);
    out.push_back(',');
    appendFirstReplyMinutes(out, t);
    out.push_back(',');
    if (t.solvedAt) {
        appendFixed2(out, double(*t.solvedAt - t.createdAt) / 3600.0);
        out.push_back(',');
        appendFixed2(out, double(demoBusinessSeconds(t.createdAt, *t.solvedAt)) / 3600.0);
    } else {
        out.push_back(',');
    }
    out.push_back(',');
    out += t.tags;
    out.push_back(',');
    out += std::to_string(t.reopens);
    out.push_back(',');
    out += std::to_string(t.replies);
    out.push_back(',');
    switch (t.satisfaction) {
    case DemoSatisfaction::Unoffered: out += "Not offered"; break;
    case DemoSatisfaction::Offered: out += "Offered"; break;
    case DemoSatisfaction::Good: out += "Good"; break;
    case DemoSatisfaction::Bad: out += "Bad"; break;
    }
    out.push_back('\n');
}

void writeFreshdesk(std::string &out, const DemoTicket &t)
{
    out += std::to_string(t.id);
    out.push_back(',');
    appendField(out, t.subject);
    out.push_back(',');
    if (t.status == "closed")
        out += "Closed";
    else if (t.status == "solved")
        out += "Resolved";
    else if (t.status == "pending" || t.status == "hold")
        out += "Waiting on Customer";
    else
        out += t.status == "new" ? "Open" : "Pending";
    out.push_back(',');
    out += t.priority == "normal" ? "Medium" : t.priority == "low" ? "Low" : t.priority == "high" ? "High" : "Urgent";
    out.push_back(',');
    if (t.channel == "Web")
        out += "Portal";
    else if (t.channel == "Social")
        out += t.socialNetwork;
    else
        out += t.channel;
    out.push_back(',');
    std::string type = t.type;
    type[0] = char(std::toupper(static_cast<unsigned char>(type[0])));
    out += type;
    out.push_back(',');
    appendField(out, t.agent >= 0 ? agents[std::size_t(t.agent)].name : "");
    out.push_back(',');
    appendField(out, teamNames[std::size_t(t.team)]);
    out.push_back(',');
    appendTime(out, t.createdAt, true, false);
    out.push_back(',');
    appendTime(out, t.createdAt + 86400, true, false); // due by
    out.push_back(',');
    if (t.solvedAt)
        appendTime(out, *t.solvedAt, true, false);
    out.push_back(',');
    if (t.solvedAt && t.status == "closed")
        appendTime(out, *t.solvedAt + 3600, true, false);
    out.push_back(',');
    appendTime(out, t.updatedAt, true, false);
    out.push_back(',');
    if (t.firstReplyAt)
        appendTime(out, *t.firstReplyAt, true, false);
    out.push_back(',');
    if (t.handleSeconds > 0) {
        std::string hms;
        formatTwo(hms, int(t.handleSeconds / 3600 % 100));
        hms.push_back(':');
        formatTwo(hms, int(t.handleSeconds / 60 % 60));
        hms.push_back(':');
        formatTwo(hms, int(t.handleSeconds % 60));
        out += hms;
    }
    out.push_back(',');
    if (t.firstReplyAt)
        appendFixed2(out, double(demoBusinessSeconds(t.createdAt, *t.firstReplyAt)) / 3600.0);
    out.push_back(',');
    if (t.solvedAt)
        appendFixed2(out, double(demoBusinessSeconds(t.createdAt, *t.solvedAt)) / 3600.0);
    out.push_back(',');
    out += std::to_string(t.replies);
    out.push_back(',');
    out += std::to_string(t.customerReplies + 1);
    out.push_back(',');
    if (t.solvedAt)
        out += *t.solvedAt - t.createdAt <= 2 * 86400 ? "Within SLA" : "SLA Violated";
    out.push_back(',');
    if (t.firstReplyAt)
        out += *t.firstReplyAt - t.createdAt <= 8 * 3600 ? "Within SLA" : "SLA Violated";
    out.push_back(',');
    std::string tags = t.tags;
    std::replace(tags.begin(), tags.end(), ' ', ',');
    appendField(out, tags);
    out.push_back(',');
    if (t.satisfaction == DemoSatisfaction::Good || t.satisfaction == DemoSatisfaction::Bad) {
        static constexpr std::array<const char *, 5> labels = {"Extremely dissatisfied", "Dissatisfied", "Neutral",
                                                               "Satisfied", "Extremely satisfied"};
        out += labels[std::size_t(t.satisfactionScore - 1)];
    }
    out += ",SupportLens Cloud,";
    appendField(out, t.requesterName);
    out.push_back(',');
    appendField(out, t.requesterEmail);
    out.push_back(',');
    out += std::to_string(t.customer);
    out.push_back('\n');
}

} // namespace

DemoWriteResult writeDemoExport(const DemoOptions &options, DemoFormat format, const QString &path,
                                const std::function<bool(std::int64_t, std::int64_t)> &progress)
{
    DemoWriteResult result;
    if (!options.lastDay.isValid() || options.tickets < 0 || options.months < 1) {
        result.error = QObject::tr("invalid demo options");
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        result.error = QObject::tr("cannot write %1: %2").arg(path, file.errorString());
        return result;
    }
    std::string buffer;
    buffer.reserve(1 << 20);
    buffer += format == DemoFormat::ZendeskLegacy    ? zendeskHeader
              : format == DemoFormat::ZendeskExplore ? exploreHeader
                                                     : freshdeskHeader;
    DemoGenerator generator(options);
    DemoTicket ticket;
    while (generator.next(ticket)) {
        switch (format) {
        case DemoFormat::ZendeskLegacy: writeZendesk(buffer, ticket); break;
        case DemoFormat::ZendeskExplore: writeExplore(buffer, ticket); break;
        case DemoFormat::Freshdesk: writeFreshdesk(buffer, ticket); break;
        }
        ++result.rows;
        if (buffer.size() > (1 << 20) - 4096) {
            if (file.write(buffer.data(), qint64(buffer.size())) != qint64(buffer.size())) {
                result.error = QObject::tr("cannot write %1: %2").arg(path, file.errorString());
                return result;
            }
            buffer.clear();
        }
        if (result.rows % 8192 == 0 && progress && !progress(result.rows, options.tickets)) {
            file.close();
            file.remove();
            result.error = QObject::tr("cancelled");
            return result;
        }
    }
    if (file.write(buffer.data(), qint64(buffer.size())) != qint64(buffer.size()) || !file.flush()) {
        result.error = QObject::tr("cannot write %1: %2").arg(path, file.errorString());
        return result;
    }
    if (progress)
        progress(result.rows, options.tickets);
    result.ok = true;
    return result;
}

} // namespace sl
