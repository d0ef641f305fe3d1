#include "services/demogenerator.h"

#include <QFile>
#include <QObject>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <utility>

namespace sl {

namespace {

constexpr std::int64_t minute = 60;
constexpr std::int64_t hour = 3600;
constexpr std::int64_t day = 86400;

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
    // Log-normal with the given median and spread (sigma of the underlying normal). Box-Muller
    // written out, so the result does not depend on a library's algorithm.
    double logNormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
    // Box-Muller gives two normals per pair of uniforms; the second is kept for the next call.
    double normal()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        const double radius = std::sqrt(-2.0 * std::log(std::max(uniform(), 1e-12)));
        const double angle = 6.283185307179586 * uniform();
        m_spare = radius * std::sin(angle);
        m_hasSpare = true;
        return radius * std::cos(angle);
    }
    // Exponential with the given mean, cut at `limit` by inverting the truncated CDF, so it never
    // needs a retry loop.
    double truncatedExponential(double mean, double limit)
    {
        const double tail = 1.0 - std::exp(-limit / mean);
        return -mean * std::log(1.0 - uniform() * tail);
    }
    template<std::size_t N>
    int weighted(const std::array<double, N> &weights)
    {
        double total = 0;
        for (double w : weights)
            total += w;
        double pick = uniform() * total;
        for (std::size_t i = 0; i < N; ++i) {
            pick -= weights[i];
            if (pick < 0)
                return int(i);
        }
        return int(N - 1);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<std::uint64_t, 4> m_state{};
    double m_spare = 0;
    bool m_hasSpare = false;
};

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

int weekdayOf(std::int64_t seconds) // 0 = Monday
{
    return int((floorDiv(seconds, day) % 7 + 7 + 3) % 7); // 1970-01-01 was a Thursday
}

std::int64_t toSeconds(const QDate &date)
{
    return QDate(1970, 1, 1).daysTo(date) * day;
}

// --- The help desk: teams, agents, topics, customers ---------------------------------------

enum Team { Tier1, Tier2, Billing, Onboarding, Enterprise, Emea };

const std::vector<std::string> teamNames = {"Tier 1", "Tier 2", "Billing", "Onboarding", "Enterprise", "EMEA"};

const std::vector<DemoAgent> agents = {
    {"Zoë Müller", Tier1},          {"José Núñez", Tier1},         {"Aiko Tanaka", Tier1},
    {"Ngozi Okafor", Tier1},        {"Liam O'Brien", Tier1},       {"Dương Minh", Tier1},
    {"Sofia Rossi", Tier1},         {"Mateo García", Tier1},       {"Priya Raman", Tier1},
    {"Chloé Dubois", Tier1},        {"Jonas Berg", Tier1},         {"Amara Nwosu", Tier1},
    {"Łukasz Wójcik", Tier2},       {"Søren Kjær", Tier2},         {"Hannah Schäfer", Tier2},
    {"Tomás Ó Briain", Tier2},      {"Mei Lin", Tier2},            {"Kwame Mensah", Tier2},
    {"Isabela Conceição", Tier2},   {"Olivia Smith", Billing},     {"Noah Williams", Billing},
    {"Fatima Zahra", Billing},      {"Björn Lindqvist", Billing},  {"Camille Lefèvre", Billing},
    {"Emma Johansson", Onboarding}, {"Rafael Peña", Onboarding},   {"Yuki Sato", Onboarding},
    {"Ana Ruiz", Onboarding},       {"Grace Kim", Enterprise},     {"Ahmed Hassan", Enterprise},
    {"Elena Popescu", Enterprise},  {"Lucas Martin", Enterprise},  {"Kofi Boateng", Enterprise},
    {"François Girard", Emea},      {"Anneliese Groß", Emea},      {"Giulia Bianchi", Emea},
    {"Jan Novák", Emea},            {"Marta Żak", Emea},           {"Pieter de Vries", Emea},
    {"Ilse Van den Broeck", Emea},
};
constexpr int newHire = 5;   // Dương Minh joins half way through
constexpr int leaver = 16;   // Mei Lin leaves at two thirds
constexpr int fastest = 3;   // Ngozi Okafor
constexpr int slowest = 21;  // Fatima Zahra: slow, but her customers love her
constexpr int sloppiest = 10; // Jonas Berg: quick to close, often rated bad

struct AgentProfile
{
    double speed = 1.0;    // multiplies reply and resolution times
    double quality = 0.9;  // chance of a good rating before penalties
    double capacity = 1.0; // share of the team's tickets, relative
    double start = 0.0;    // fraction of the period when the agent joined
    double end = 2.0;      // and left
};

enum Topic {
    TopicBilling, TopicRefund, TopicLogin, TopicBug, TopicFeature, TopicShipping, TopicOnboarding,
    TopicOutage, TopicAccount, TopicIntegration, TopicPerformance, TopicCancellation, TopicCount
};
constexpr std::array<const char *, TopicCount> topics = {
    "billing", "refund", "login", "bug", "feature_request", "shipping", "onboarding", "outage", "account",
    "integration", "performance", "cancellation"};
constexpr std::array<double, TopicCount> topicWeights = {14, 8, 12, 10, 6, 9, 7, 2, 10, 8, 6, 8};

// Commas, double quotes and non-ASCII on purpose: a real export has all of them.
const std::array<std::vector<const char *>, TopicCount> subjectTemplates = {{
    {"Invoice %n looks wrong", "Charged twice this month", "Question about my bill, please help",
     "VAT number missing on invoice %n", "Can I pay by bank transfer?", "Preis für das Jahresabo?",
     "Facture %n : montant incorrect", "Why did my plan go up, again?"},
    {"Refund request for order %n", "Please refund, the product arrived broken", "Refund still not received",
     "Geld zurück für Bestellung %n", "Reembolso del pedido %n", "Refund — \"pending\" for two weeks"},
    {"Can't log in — \"Invalid token\" error", "Password reset email never arrives", "Locked out of my account",
     "2FA code not accepted", "Login loop on mobile app", "ログインできません", "Nie mogę się zalogować",
     "SSO login fails with \"SAML response invalid\""},
    {"Export to CSV fails", "App crashes when I open reports", "Error 500 on the dashboard",
     "Numbers don't add up in the \"Summary\" view", "Button does nothing, tried twice",
     "Umlaute werden falsch angezeigt (ä, ö, ü)", "Date picker shows 1970-01-01"},
    {"Feature request: dark mode", "Could you add an API for tags?", "Wish: bulk edit, please",
     "Idea — scheduled reports", "Export to Excel, with filters", "Suggestion : raccourcis clavier"},
    {"Where is my order %n?", "Package marked delivered, but nothing here", "Shipping to Österreich?",
     "Tracking number doesn't work", "Commande %n toujours pas livrée", "Wrong address on order %n"},
    {"How do I invite my team?", "Getting started with the import", "Onboarding call, next week?",
     "Setting up SSO for our company", "Trial: which plan fits a team of 12?", "Hilfe bei der Einrichtung"},
    {"Service down?", "Everything is slow, is there an outage?", "Can't reach the site at all",
     "Status page says OK, but nothing loads", "URGENT: production down", "Serviço fora do ar?"},
    {"Change the e-mail on my account", "Delete my account, please", "Update billing address",
     "Merge two accounts", "GDPR: request for my data", "Konto löschen"},
    {"Slack integration stopped syncing", "Zapier webhook returns 401", "Salesforce sync, duplicate contacts",
     "API rate limit — what is it?", "Webhook payload missing \"customer_id\""},
    {"Reports take minutes to load", "Search is very slow since Monday", "Timeouts on large exports",
     "Dashboard slow, 30+ seconds"},
    {"Cancel my subscription", "How do I downgrade?", "Cancel, but keep my data, please",
     "Résiliation de mon abonnement", "Stop auto-renewal"},
}};
constexpr std::array<const char *, 4> newlineTails = {"\nSent from my iPhone", "\n\nThanks!", "\n-- \nBest regards",
                                                      "\nsee attached"};

struct Name
{
    const char *display; // UTF-8
    const char *ascii;   // for e-mail addresses
};
constexpr std::array<Name, 40> firstNames = {{
    {"Anna", "anna"},       {"Ben", "ben"},         {"Carla", "carla"},     {"Daniel", "daniel"},
    {"Eva", "eva"},         {"Farid", "farid"},     {"Gabriela", "gabriela"}, {"Hugo", "hugo"},
    {"Irene", "irene"},     {"Jakub", "jakub"},     {"Karin", "karin"},     {"Leon", "leon"},
    {"María", "maria"},     {"Nils", "nils"},       {"Oksana", "oksana"},   {"Pablo", "pablo"},
    {"Quentin", "quentin"}, {"Rosa", "rosa"},       {"Sven", "sven"},       {"Thi", "thi"},
    {"Ursula", "ursula"},   {"Viktor", "viktor"},   {"Wen", "wen"},         {"Xavier", "xavier"},
    {"Yara", "yara"},       {"Zeynep", "zeynep"},   {"Émile", "emile"},     {"Åsa", "asa"},
    {"Chidi", "chidi"},     {"Dorota", "dorota"},   {"Inês", "ines"},       {"Kenji", "kenji"},
    {"Siobhán", "siobhan"}, {"Bjørn", "bjorn"},     {"Małgorzata", "malgorzata"}, {"Jürgen", "juergen"},
    {"Ayşe", "ayse"},       {"Hiroshi", "hiroshi"}, {"Olu", "olu"},         {"Camila", "camila"},
}};
constexpr std::array<Name, 40> lastNames = {{
    {"Schmidt", "schmidt"}, {"Jones", "jones"},     {"Díaz", "diaz"},       {"Wu", "wu"},
    {"Green", "green"},     {"Olsen", "olsen"},     {"Kowalski", "kowalski"}, {"Ferreira", "ferreira"},
    {"Nakamura", "nakamura"}, {"Brown", "brown"},   {"Müller", "mueller"},  {"Rossi", "rossi"},
    {"Dupont", "dupont"},   {"Novak", "novak"},     {"Andersen", "andersen"}, {"Moreau", "moreau"},
    {"Silva", "silva"},     {"Yılmaz", "yilmaz"},   {"Nguyễn", "nguyen"},   {"Hansen", "hansen"},
    {"Costa", "costa"},     {"Fischer", "fischer"}, {"Ivanova", "ivanova"}, {"Kelly", "kelly"},
    {"López", "lopez"},     {"Meyer", "meyer"},     {"Okoro", "okoro"},     {"Pereira", "pereira"},
    {"Quinn", "quinn"},     {"Sato", "sato"},       {"Weiß", "weiss"},      {"Ahmed", "ahmed"},
    {"Þórsdóttir", "thorsdottir"}, {"Öztürk", "ozturk"}, {"Dvořák", "dvorak"}, {"Lefèvre", "lefevre"},
    {"O'Connor", "oconnor"}, {"van der Berg", "vanderberg"}, {"Mensah", "mensah"}, {"Jensen", "jensen"},
}};
constexpr std::array<const char *, 6> mailDomains = {"example.com", "example.org", "example.net", "mail.example",
                                                      "post.example", "inbox.example"};

struct Organization
{
    const char *name;
    const char *domain;
    bool enterprise; // has a contract: its tickets go to the Enterprise team
};
constexpr std::array<Organization, 12> organizations = {{
    {"Acme Corp", "acme.example", true},
    {"Globex", "globex.example", true},
    {"Initech", "initech.example", false},
    {"Umbrella Ltd", "umbrella.example", false},
    {"Stark Industries", "stark.example", true},
    {"Müller & Söhne GmbH", "mueller-soehne.example", false},
    {"Café Lumière", "cafe-lumiere.example", false},
    {"Nordisk Træ A/S", "nordisktrae.example", false},
    {"Hooli", "hooli.example", true},
    {"Pied Piper, Inc.", "piedpiper.example", false},
    {"Vandelay Industries", "vandelay.example", false},
    {"Tyrell \"Replicant\" Corp", "tyrell.example", false},
}};

// --- Working hours -------------------------------------------------------------------------

// When agents are at their desks: Mon-Fri 07:00-20:00 UTC (two regions), a skeleton crew on
// weekends 09:00-17:00. Deliberately wider than the 09:00-17:00 "business hours" of the export
// columns, so calendar and business-hour figures differ as they do in real help desks.
std::pair<std::int64_t, std::int64_t> staffedWindow(std::int64_t dayStart)
{
    return weekdayOf(dayStart) < 5 ? std::pair{dayStart + 7 * hour, dayStart + 20 * hour}
                                   : std::pair{dayStart + 9 * hour, dayStart + 17 * hour};
}

bool isStaffed(std::int64_t t)
{
    const auto [open, close] = staffedWindow(floorDiv(t, day) * day);
    return t >= open && t < close;
}

std::int64_t nextStaffed(std::int64_t t)
{
    const std::int64_t dayStart = floorDiv(t, day) * day;
    const auto [open, close] = staffedWindow(dayStart);
    if (t < open)
        return open;
    if (t < close)
        return t;
    return staffedWindow(dayStart + day).first;
}

} // namespace

// --- Public helpers --------------------------------------------------------------------------

QString demoFormatName(DemoFormat format)
{
    switch (format) {
    case DemoFormat::ZendeskLegacy: return QStringLiteral("zendesk");
    case DemoFormat::ZendeskExplore: return QStringLiteral("zendesk-explore");
    case DemoFormat::Freshdesk: return QStringLiteral("freshdesk");
    }
    return {};
}

std::optional<DemoFormat> demoFormatFromName(const QString &name)
{
    for (DemoFormat format : {DemoFormat::ZendeskLegacy, DemoFormat::ZendeskExplore, DemoFormat::Freshdesk}) {
        if (name.compare(demoFormatName(format), Qt::CaseInsensitive) == 0)
            return format;
    }
    return std::nullopt;
}

QDate demoDefaultLastDay(const QDate &today)
{
    return QDate(today.year(), today.month(), 1).addDays(-1);
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
    constexpr std::int64_t open = 9 * hour, close = 17 * hour;
    std::int64_t total = 0;
    std::int64_t d = floorDiv(from, day);
    const std::int64_t lastDay = floorDiv(to, day);
    // Whole weeks in one step, so a year-long ticket costs no more than a day-long one.
    if (lastDay - d > 14) {
        const std::int64_t weeks = (lastDay - d - 7) / 7;
        total += weeks * 5 * (close - open);
        from += weeks * 7 * day;
        d += weeks * 7;
    }
    for (; d <= lastDay; ++d) {
        if (weekdayOf(d * day) >= 5)
            continue;
        const std::int64_t start = std::max(from, d * day + open);
        const std::int64_t end = std::min(to, d * day + close);
        if (end > start)
            total += end - start;
    }
    return total;
}

// --- The generator ---------------------------------------------------------------------------

struct DemoGenerator::Impl
{
    struct Arrival
    {
        std::int64_t at;
        bool incident;
        bool operator<(const Arrival &other) const
        {
            return at != other.at ? at < other.at : incident < other.incident;
        }
    };

    DemoOptions options;
    Random random;
    QDate first;
    std::int64_t dayCount = 0;
    std::int64_t dataStart = 0;
    std::int64_t dataEnd = 0; // first second after the last day
    std::vector<std::int64_t> ticketsPerDay;
    std::vector<double> spikeFactor; // per day: 1, or the incident's multiple of normal volume
    std::vector<int> spikeTopic;     // per day: the incident's topic, or -1
    std::array<AgentProfile, 40> profiles;
    struct Roster
    {
        int count = 0;
        std::array<int, 40> agents{};
        std::array<double, 40> cumulative{};
    };
    std::array<Roster, 6> rosters;

    // Streaming state: only the current day's arrival times are held.
    std::int64_t currentDay = -1;
    std::vector<Arrival> arrivals;
    std::size_t arrivalIndex = 0;
    std::int64_t nextId = 1;
    std::int64_t customers = 0;
    std::int64_t newlineAt = 0;

    explicit Impl(const DemoOptions &o)
        : options(o)
        , random(o.seed)
    {
        if (!options.lastDay.isValid())
            options.lastDay = demoDefaultLastDay();
        options.months = std::max(1, options.months);
        options.tickets = std::max<std::int64_t>(0, options.tickets);
        first = options.lastDay.addDays(1).addMonths(-options.months);
        dayCount = first.daysTo(options.lastDay) + 1;
        dataStart = toSeconds(first);
        dataEnd = toSeconds(options.lastDay) + day;

        // The help desk's shape comes from its own stream, so it does not shift with the count.
        Random setup(options.seed ^ 0xA5A5A5A5DEADBEEFULL);
        for (AgentProfile &p : profiles) {
            p.speed = 0.75 + 0.6 * setup.uniform();
            p.quality = 0.86 + 0.12 * setup.uniform();
            p.capacity = 0.8 + 0.4 * setup.uniform();
        }
        profiles[newHire].start = 0.5;
        profiles[leaver].end = 0.65;
        profiles[fastest].speed = 0.5;
        profiles[fastest].capacity = 1.4;
        profiles[slowest].speed = 1.7;
        profiles[slowest].quality = 0.985;
        profiles[slowest].capacity = 0.7;
        profiles[sloppiest].speed = 0.7;
        profiles[sloppiest].quality = 0.72;

        planVolume(setup);
    }

    void planVolume(Random &setup)
    {
        // Incidents: four, spread over the period, each on a Tuesday to Thursday (a weekend
        // incident would drown in the weekend's low volume), each lasting into the next day.
        spikeFactor.assign(std::size_t(dayCount), 1.0);
        spikeTopic.assign(std::size_t(dayCount), -1);
        constexpr std::array<int, 4> incidentTopics = {TopicOutage, TopicLogin, TopicBilling, TopicOutage};
        for (std::size_t i = 0; i < incidentTopics.size() && dayCount > 14; ++i) {
            auto d = std::int64_t(double(dayCount) * (0.12 + 0.22 * double(i) + 0.06 * setup.uniform()));
            while (d + 1 < dayCount && (first.addDays(d).dayOfWeek() < 2 || first.addDays(d).dayOfWeek() > 4))
                ++d;
            if (d + 1 >= dayCount)
                break;
            spikeFactor[std::size_t(d)] = 2.9 + 1.3 * setup.uniform();
            spikeFactor[std::size_t(d + 1)] = 1.5 + 0.6 * setup.uniform();
            spikeTopic[std::size_t(d)] = spikeTopic[std::size_t(d + 1)] = incidentTopics[i];
        }

        // Daily volume: 40% growth, the weekday pattern, holidays, noise and incidents; then
        // distributed exactly (largest remainder) so the total is the requested count.
        static constexpr std::array<double, 7> weekdayFactor = {1.22, 1.08, 1.04, 1.0, 0.9, 0.31, 0.27};
        std::vector<double> weights(static_cast<std::size_t>(dayCount));
        double total = 0;
        for (std::int64_t d = 0; d < dayCount; ++d) {
            const QDate date = first.addDays(d);
            double w = (1.0 + 0.4 * double(d) / double(dayCount)) * weekdayFactor[std::size_t(date.dayOfWeek() - 1)];
            const bool holiday = (date.month() == 12 && date.day() >= 24 && date.day() <= 26)
                                 || (date.month() == 12 && date.day() == 31) || (date.month() == 1 && date.day() == 1);
            if (holiday)
                w *= 0.35;
            w *= (0.9 + 0.2 * setup.uniform()) * spikeFactor[std::size_t(d)];
            weights[std::size_t(d)] = w;
            total += w;
        }
        ticketsPerDay.assign(std::size_t(dayCount), 0);
        std::vector<std::pair<double, std::int64_t>> remainders;
        remainders.reserve(std::size_t(dayCount));
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
        for (std::size_t i = 0; assigned < options.tickets; ++i, ++assigned)
            ++ticketsPerDay[std::size_t(remainders[i % remainders.size()].second)];
    }

    // One day's arrival times, sorted: the usual hourly curve, plus an incident's burst that
    // starts at one moment and decays over a few hours.
    void planDay()
    {
        arrivals.clear();
        arrivalIndex = 0;
        const std::int64_t count = ticketsPerDay[std::size_t(currentDay)];
        const std::int64_t dayStart = dataStart + currentDay * day;
        const double factor = spikeFactor[std::size_t(currentDay)];
        const auto incidents = std::int64_t(std::llround(double(count) * (1.0 - 1.0 / factor)));
        // Hour-of-day (UTC): night trickle, morning ramp, a lunch dip, a long afternoon; flatter on weekends.
        static constexpr std::array<double, 24> weekdayHours = {1, 1, 1, 1, 1, 2, 3, 6, 10, 13, 14, 13,
                                                                10, 12, 13, 12, 11, 9, 7, 5, 4, 3, 2, 1};
        static constexpr std::array<double, 24> weekendHours = {2, 1.5, 1, 1, 1, 1.5, 2, 3, 5, 7, 8, 9,
                                                                9, 9, 9, 8, 8, 7, 6, 5, 4, 4, 3, 2};
        const bool weekend = weekdayOf(dayStart) >= 5;
        const bool incidentStart = currentDay == 0 || spikeTopic[std::size_t(currentDay - 1)] < 0;
        const std::int64_t burstStart = dayStart + (incidentStart ? (8 + random.below(6)) * hour : 6 * hour);
        const double burstMean = incidentStart ? 3.0 * hour : 5.0 * hour;
        arrivals.reserve(std::size_t(count));
        for (std::int64_t i = 0; i < count; ++i) {
            if (i < incidents) {
                const double limit = double(dayStart + day - 1 - burstStart);
                arrivals.push_back({burstStart + std::int64_t(random.truncatedExponential(burstMean, limit)), true});
            } else {
                const int h = random.weighted(weekend ? weekendHours : weekdayHours);
                arrivals.push_back({dayStart + h * hour + random.below(3600), false});
            }
        }
        std::sort(arrivals.begin(), arrivals.end());
    }

    // Who works in each team today, with cumulative shares of its tickets.
    void planRoster()
    {
        const double fraction = double(currentDay) / double(dayCount);
        for (Roster &roster : rosters)
            roster.count = 0;
        for (std::size_t i = 0; i < agents.size(); ++i) {
            const AgentProfile &p = profiles[i];
            if (fraction < p.start || fraction >= p.end)
                continue;
            // A new hire takes a lighter load for the first weeks.
            const double daysIn = (fraction - p.start) * double(dayCount);
            const double ramp = p.start > 0 ? std::clamp(daysIn / 45.0, 0.3, 1.0) : 1.0;
            Roster &roster = rosters[std::size_t(agents[i].team)];
            const double before = roster.count ? roster.cumulative[std::size_t(roster.count - 1)] : 0.0;
            roster.agents[std::size_t(roster.count)] = int(i);
            roster.cumulative[std::size_t(roster.count)] = before + p.capacity * ramp;
            ++roster.count;
        }
    }

    int pickAgent(int team)
    {
        const Roster &roster = rosters[std::size_t(team)];
        if (!roster.count)
            return -1;
        const double pick = random.uniform() * roster.cumulative[std::size_t(roster.count - 1)];
        for (int i = 0; i + 1 < roster.count; ++i) {
            if (pick < roster.cumulative[std::size_t(i)])
                return roster.agents[std::size_t(i)];
        }
        return roster.agents[std::size_t(roster.count - 1)];
    }

    // A moment when the desk is staffed: `t` itself, or some time into the next shift (the
    // night's queue is worked through over the morning, not all at the stroke of opening).
    std::int64_t workedAt(std::int64_t t)
    {
        if (isStaffed(t))
            return t;
        return nextStaffed(t) + std::int64_t(random.truncatedExponential(2.0 * hour, 8.0 * hour));
    }

    // Speed and quality of an agent on a given day: a new hire is slower and less sure at first.
    std::pair<double, double> agentForm(int agent, double fraction) const
    {
        const AgentProfile &p = profiles[std::size_t(agent)];
        if (p.start <= 0)
            return {p.speed, p.quality};
        const double learning = std::clamp(1.0 - (fraction - p.start) * double(dayCount) / 60.0, 0.0, 1.0);
        return {p.speed * (1.0 + 0.8 * learning), p.quality - 0.1 * learning};
    }

    void fillRequester(DemoTicket &t, bool &enterprise, bool &emea, bool &firstContact)
    {
        // Most tickets come from people who wrote before, skewed towards recent customers.
        firstContact = !(customers > 50 && random.chance(0.6));
        if (firstContact) {
            t.customer = ++customers;
        } else {
            const double u = random.uniform();
            t.customer = std::max<std::int64_t>(1, customers - std::int64_t(double(customers) * u * u * u));
        }
        // Everything about a customer follows from its id, so repeat tickets agree.
        Random person(std::uint64_t(t.customer) * 0x9E3779B97F4A7C15ULL ^ options.seed);
        const Name &firstName = firstNames[std::size_t(person.below(int(firstNames.size())))];
        const Name &lastName = lastNames[std::size_t(person.below(int(lastNames.size())))];
        const bool inOrganization = person.chance(0.3);
        const Organization &org = organizations[std::size_t(person.below(int(organizations.size())))];
        const char *domain = inOrganization ? org.domain
                                            : mailDomains[std::size_t(person.below(int(mailDomains.size())))];
        emea = person.chance(0.22);
        enterprise = inOrganization && org.enterprise;
        t.organization = inOrganization ? std::string_view(org.name) : std::string_view();

        t.requesterName.assign(firstName.display);
        t.requesterName.push_back(' ');
        t.requesterName.append(lastName.display);
        t.requesterEmail.assign(firstName.ascii);
        t.requesterEmail.push_back('.');
        t.requesterEmail.append(lastName.ascii);
        if (!inOrganization) {
            char digits[24];
            const auto end = std::to_chars(digits, digits + sizeof digits, t.customer).ptr;
            t.requesterEmail.append(digits, end);
        }
        t.requesterEmail.push_back('@');
        t.requesterEmail.append(domain);
    }

    void fill(DemoTicket &t, const Arrival &arrival)
    {
        t.id = nextId++;
        t.createdAt = arrival.at;
        t.incident = arrival.incident;
        const double fraction = double(t.createdAt - dataStart) / double(dataEnd - dataStart);

        // Channel. Chat and phone exist only while someone is there to answer: out of hours
        // the chat widget turns into an e-mail form (the weights allow for that, so that the
        // shares come out as 45% e-mail, 20% web, 18% chat, 10% phone, 5% social, 2% API).
        static constexpr std::array<double, 6> channelWeights = {40.3, 20, 21, 11.7, 5, 2};
        static constexpr std::array<DemoChannel, 6> channels = {DemoChannel::Email,   DemoChannel::Web,
                                                                DemoChannel::Chat,    DemoChannel::Phone,
                                                                DemoChannel::Twitter, DemoChannel::Api};
        t.channel = channels[std::size_t(random.weighted(channelWeights))];
        if (t.channel == DemoChannel::Twitter && random.chance(0.4))
            t.channel = DemoChannel::Facebook;
        const bool live = t.channel == DemoChannel::Chat || t.channel == DemoChannel::Phone;
        if (live && !isStaffed(t.createdAt))
            t.channel = DemoChannel::Email;

        static constexpr std::array<double, 4> priorityWeights = {25, 50, 20, 5};
        t.priority = DemoPriority(random.weighted(priorityWeights));
        if (t.incident && t.priority < DemoPriority::High && random.chance(0.4))
            t.priority = DemoPriority::High;

        const int incidentTopic = spikeTopic[std::size_t(currentDay)];
        const int topic = t.incident && random.chance(0.92) ? incidentTopic : random.weighted(topicWeights);
        t.topic = topics[std::size_t(topic)];

        bool enterprise = false, emea = false, firstContact = false;
        fillRequester(t, enterprise, emea, firstContact);

        // Routing: contract customers and the EMEA region have their own teams; otherwise by topic.
        const bool technical = topic == TopicBug || topic == TopicOutage || topic == TopicIntegration
                               || topic == TopicPerformance;
        bool escalated = false;
        int team = Tier1;
        if (enterprise)
            team = Enterprise;
        else if (emea)
            team = Emea;
        else if (topic == TopicBilling || topic == TopicRefund || topic == TopicCancellation)
            team = random.chance(0.6) ? Billing : Tier1;
        else if (topic == TopicOnboarding
                 || (firstContact && (topic == TopicAccount || topic == TopicIntegration || topic == TopicFeature)
                     && random.chance(0.45)))
            team = Onboarding;
        else if (technical && !t.incident)
            team = random.chance(0.6) ? Tier2 : Tier1;
        if (team == Tier1 && technical && random.chance(t.incident ? 0.05 : 0.3))
            escalated = true; // Tier 1 answers first, then hands it to Tier 2
        int firstAgent = pickAgent(team);
        if (firstAgent < 0) {
            team = Tier1;
            firstAgent = pickAgent(Tier1);
        }
        int finalAgent = escalated ? pickAgent(Tier2) : firstAgent;
        if (finalAgent < 0) {
            finalAgent = firstAgent;
            escalated = false;
        }
        const auto [speed, quality] = agentForm(firstAgent, fraction);

        // Type.
        if (topic == TopicBug || topic == TopicOutage)
            t.type = random.chance(0.65) ? DemoType::Incident
                                         : (random.chance(0.6) ? DemoType::Problem : DemoType::Question);
        else if (topic == TopicOnboarding || topic == TopicAccount)
            t.type = random.chance(0.35) ? DemoType::Task : DemoType::Question;
        else
            t.type = random.chance(0.9) ? DemoType::Question : DemoType::Task;

        // Subject; one ticket in each block of 500 had a line break pasted into its subject, so
        // every export of a few thousand rows exercises multi-line fields.
        if ((t.id - 1) % 500 == 0)
            newlineAt = t.id + random.below(500);
        const auto &templates = subjectTemplates[std::size_t(topic)];
        t.subject.assign(templates[std::size_t(random.below(int(templates.size())))]);
        if (const std::size_t at = t.subject.find("%n"); at != std::string::npos)
            t.subject.replace(at, 2, std::to_string(100000 + random.below(900000)));
        if (t.id == newlineAt)
            t.subject.append(newlineTails[std::size_t(random.below(int(newlineTails.size())))]);

        // Tags: the topic first, then what a help desk's triggers add.
        t.tags.assign(t.topic);
        if (t.incident)
            t.tags.append(" incident");
        if (enterprise)
            t.tags.append(" enterprise");
        else if (random.chance(0.06))
            t.tags.append(" vip");
        if (t.channel == DemoChannel::Chat && random.chance(0.3))
            t.tags.append(" chatbot_handoff");
        if (escalated)
            t.tags.append(" escalated");

        // First reply: seconds on the phone and in chat; for written channels, minutes to hours
        // counted from when the desk is next staffed (and slower on weekends and in incidents).
        std::int64_t firstReply = 0;
        const double priorityFactor = std::array<double, 4>{1.4, 1.0, 0.7, 0.35}[std::size_t(t.priority)];
        if (t.channel == DemoChannel::Phone) {
            firstReply = t.createdAt + std::int64_t(random.logNormal(25, 0.6) * (t.incident ? 3.0 : 1.0));
        } else if (t.channel == DemoChannel::Chat) {
            firstReply = t.createdAt + std::int64_t(random.logNormal(45, 0.8) * speed * (t.incident ? 4.0 : 1.0));
        } else {
            const std::int64_t start = nextStaffed(t.createdAt);
            const double median = t.channel == DemoChannel::Twitter || t.channel == DemoChannel::Facebook ? 35
                                  : t.channel == DemoChannel::Api                                       ? 120
                                                                                                        : 80;
            double minutes = random.logNormal(median, 1.1) * speed * priorityFactor;
            if (t.incident)
                minutes *= 2.5;
            if (weekdayOf(start) >= 5)
                minutes *= 2.0;
            firstReply = start + std::max<std::int64_t>(2 * minute, std::int64_t(minutes * minute));
        }
        const bool spam = random.chance(0.015); // never answered: closed a few days later

        // Replies and reopens.
        if (t.channel == DemoChannel::Phone)
            t.agentReplies = 1;
        else if (t.channel == DemoChannel::Chat)
            t.agentReplies = random.chance(0.8) ? 1 : 2;
        else
            t.agentReplies = 1 + random.weighted(std::array<double, 6>{33, 30, 18, 10, 6, 3});
        if (escalated)
            t.agentReplies = std::max(2, t.agentReplies);
        const int reopens = random.chance(0.08) ? (random.chance(0.15) ? 2 : 1) : 0;
        t.agentReplies = std::min(6, t.agentReplies + reopens);
        t.customerReplies = std::max(0, t.agentReplies - 1 + random.below(2));

        // Resolution: the first solve, then each reopen adds a gap and more work; escalations
        // to engineering sometimes wait on hold. Solves happen while the desk is staffed.
        double hours = 0;
        if (t.channel == DemoChannel::Phone)
            hours = random.logNormal(0.15, 0.8);
        else if (t.channel == DemoChannel::Chat)
            hours = random.logNormal(0.3, 0.9);
        else
            hours = random.logNormal(9, 1.2) * (1.0 + 0.5 * (t.agentReplies - 1 - reopens));
        hours *= speed;
        if (escalated)
            hours += random.logNormal(20, 0.8);
        std::int64_t onHold = 0;
        if (technical && (escalated || team == Tier2) && random.chance(0.2))
            onHold = std::int64_t(random.logNormal(18, 0.8) * hour);
        const std::int64_t firstSolved = workedAt(firstReply + std::int64_t(hours * hour) + onHold);
        std::int64_t solved = firstSolved;
        std::array<std::int64_t, 2> reopenedAt{};
        for (int i = 0; i < reopens; ++i) {
            reopenedAt[std::size_t(i)] = solved + std::int64_t(random.logNormal(20, 0.8) * hour);
            solved = workedAt(reopenedAt[std::size_t(i)] + std::int64_t(random.logNormal(6, 1.0) * speed * hour));
        }
        const std::int64_t escalatedAt = std::min(firstReply + std::int64_t(random.logNormal(2, 0.8) * hour),
                                                  firstSolved - minute);
        const std::int64_t assigned = t.channel == DemoChannel::Phone || t.channel == DemoChannel::Chat
                                          ? t.createdAt
                                          : std::min(firstReply, nextStaffed(t.createdAt) + random.below(900));
        const bool forgotten = dataEnd - t.createdAt < 30 * day && random.chance(0.03);
        const std::int64_t spamClosed = workedAt(t.createdAt + (1 + random.below(4)) * day);

        // What the export can know: nothing after the last day.
        t.reopens = 0;
        t.firstReplyAt.reset();
        t.firstSolvedAt.reset();
        t.solvedAt.reset();
        t.closedAt.reset();
        t.initiallyAssignedAt.reset();
        t.assignedAt.reset();
        t.onHoldSeconds = t.agentWaitSeconds = t.requesterWaitSeconds = 0;
        t.satisfaction = DemoSatisfaction::Unoffered;
        t.satisfactionScore = 0;
        t.team = team;
        t.agent = firstAgent;
        t.groupStations = t.assigneeStations = 1;
        const auto autoClose = [&](std::int64_t solvedAt) {
            // Zendesk closes solved tickets after four days; Freshdesk agents close them too.
            t.solvedAt = solvedAt;
            if (solvedAt + 4 * day < dataEnd) {
                t.closedAt = solvedAt + 4 * day;
                t.status = DemoStatus::Closed;
            } else {
                t.status = DemoStatus::Solved;
            }
        };
        if (spam) {
            t.agentReplies = t.customerReplies = 0;
            if (spamClosed < dataEnd) {
                t.initiallyAssignedAt = t.assignedAt = std::min(assigned, spamClosed);
                t.solvedAt = t.closedAt = spamClosed;
                t.status = DemoStatus::Closed;
            } else {
                t.status = DemoStatus::New;
                t.agent = -1;
            }
        } else if (firstReply >= dataEnd) {
            // Not answered yet.
            t.agentReplies = t.customerReplies = 0;
            if (assigned < dataEnd && t.createdAt < dataEnd - day) {
                t.status = DemoStatus::Open;
                t.initiallyAssignedAt = t.assignedAt = assigned;
            } else {
                t.status = DemoStatus::New;
                t.agent = -1;
            }
        } else {
            t.firstReplyAt = firstReply;
            t.initiallyAssignedAt = t.assignedAt = assigned;
            if (escalated && escalatedAt < dataEnd && escalatedAt > firstReply) {
                t.team = Tier2;
                t.agent = finalAgent;
                t.assignedAt = escalatedAt;
                t.groupStations = t.assigneeStations = 2;
            }
            if (!forgotten && solved < dataEnd) {
                autoClose(solved);
                t.reopens = reopens;
                t.firstSolvedAt = firstSolved;
                t.onHoldSeconds = onHold;
            } else {
                // Still being worked on: count only what already happened.
                if (firstSolved < dataEnd && !forgotten)
                    t.firstSolvedAt = firstSolved;
                for (int i = 0; i < reopens; ++i)
                    t.reopens += t.firstSolvedAt && reopenedAt[std::size_t(i)] < dataEnd ? 1 : 0;
                t.agentReplies = std::min(t.agentReplies, 1 + t.reopens);
                t.customerReplies = std::min(t.customerReplies, t.agentReplies);
                if (onHold > 0 && !t.firstSolvedAt)
                    t.status = DemoStatus::Hold;
                else
                    t.status = random.chance(0.55) ? DemoStatus::Pending : DemoStatus::Open;
                if (!t.reopens)
                    t.firstSolvedAt.reset();
            }
        }

        // Where the resolution time went: on hold, waiting on the agent, waiting on the customer.
        if (t.solvedAt && t.firstReplyAt) {
            const std::int64_t rest = std::max<std::int64_t>(0, *t.solvedAt - t.createdAt - t.onHoldSeconds);
            t.agentWaitSeconds = std::int64_t(double(rest) * (0.35 + 0.4 * random.uniform()));
            t.requesterWaitSeconds = rest - t.agentWaitSeconds;
        }

        const std::int64_t lastEvent = t.closedAt   ? *t.closedAt
                                       : t.solvedAt ? *t.solvedAt
                                       : t.firstReplyAt ? std::max(*t.firstReplyAt, t.assignedAt.value_or(0))
                                       : t.assignedAt ? *t.assignedAt
                                                      : t.createdAt;
        t.updatedAt = std::min(dataEnd - 1, std::max(lastEvent, t.createdAt));
        static constexpr std::array<std::int64_t, 4> resolutionTargets = {72 * hour, 24 * hour, 8 * hour, 4 * hour};
        t.dueAt = t.createdAt + resolutionTargets[std::size_t(t.priority)];

        // Time tracked.
        if (!t.firstReplyAt)
            t.handleSeconds = 0;
        else if (t.channel == DemoChannel::Phone)
            t.handleSeconds = std::int64_t(random.logNormal(420, 0.5));
        else if (t.channel == DemoChannel::Chat)
            t.handleSeconds = std::int64_t(random.logNormal(540, 0.5));
        else
            t.handleSeconds = std::int64_t(random.logNormal(300, 0.7) * t.agentReplies * speed);

        // Satisfaction: a quarter of solved tickets rated, some offered and ignored. Reopens,
        // long waits and incidents cost goodwill.
        if (t.solvedAt && t.firstReplyAt) {
            const double u = random.uniform();
            if (u < 0.25) {
                const double days = double(*t.solvedAt - t.createdAt) / double(day);
                const double good = quality - 0.15 * t.reopens - (days > 3 ? 0.06 : 0.0) - (t.incident ? 0.05 : 0.0);
                const bool isGood = random.chance(std::clamp(good, 0.3, 0.99));
                t.satisfaction = isGood ? DemoSatisfaction::Good : DemoSatisfaction::Bad;
                t.satisfactionScore = isGood ? (random.chance(0.65) ? 5 : 4)
                                             : 1 + random.weighted(std::array<double, 3>{40, 35, 25});
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
    while (d->arrivalIndex >= d->arrivals.size()) {
        if (d->currentDay + 1 >= d->dayCount)
            return false;
        ++d->currentDay;
        d->planRoster();
        d->planDay();
    }
    d->fill(ticket, d->arrivals[d->arrivalIndex++]);
    return true;
}

// --- Writers ---------------------------------------------------------------------------------

namespace {

// A growable byte buffer written through a raw pointer: std::string::push_back per byte costs
// more than generating the ticket. row() reserves room for a whole row up front, so the small
// writes below need no bounds check of their own.
class Out
{
public:
    explicit Out(std::size_t capacity) { grow(capacity); }
    std::size_t size() const { return std::size_t(m_pos - m_data.data()); }
    const char *data() const { return m_data.data(); }
    void clear() { m_pos = m_data.data(); }

    // Room for a row: the fixed columns (numbers, dates, fixed labels, agent and team names)
    // fit in 2 KB; `text` is the length of its free text, each byte of which may double when
    // quoted and may appear twice (requester and submitter).
    void row(std::size_t text) { reserve(2048 + 4 * text); }
    void reserve(std::size_t n)
    {
        if (std::size_t(m_end - m_pos) < n)
            grow(n);
    }
    void ch(char c) { *m_pos++ = c; }
    void raw(std::string_view text)
    {
        if (text.empty())
            return; // an empty view may hold a null pointer, which memcpy must not see
        reserve(text.size());
        std::memcpy(m_pos, text.data(), text.size());
        m_pos += text.size();
    }
    void num(std::int64_t value) { m_pos = std::to_chars(m_pos, m_pos + 24, value).ptr; }
    // RFC 4180: quoted only when it holds a comma, a quote or a line break; quotes doubled.
    void field(std::string_view text)
    {
        bool plain = true;
        for (char c : text) {
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                plain = false;
                break;
            }
        }
        if (plain)
            return raw(text);
        reserve(text.size() * 2 + 2);
        *m_pos++ = '"';
        for (char c : text) {
            if (c == '"')
                *m_pos++ = '"';
            *m_pos++ = c;
        }
        *m_pos++ = '"';
    }
    void two(int value)
    {
        m_pos[0] = char('0' + value / 10);
        m_pos[1] = char('0' + value % 10);
        m_pos += 2;
    }
    enum class TimeStyle { Minutes, Seconds, Iso };
    // "2024-03-05 14:30", "2024-03-05 14:30:15", "2024-03-05T14:30:15Z"
    void time(std::int64_t seconds, TimeStyle style)
    {
        // Days to civil date (Howard Hinnant's algorithm), valid for any year.
        std::int64_t days = floorDiv(seconds, day);
        const auto secondsOfDay = int(seconds - days * day);
        days += 719468;
        const std::int64_t era = floorDiv(days, 146097);
        const auto doe = unsigned(days - era * 146097);
        const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        const unsigned mp = (5 * doy + 2) / 153;
        const auto dayOfMonth = int(doy - (153 * mp + 2) / 5 + 1);
        const auto month = int(mp < 10 ? mp + 3 : mp - 9);
        const std::int64_t year = std::int64_t(yoe) + era * 400 + (month <= 2 ? 1 : 0);
        num(year);
        ch('-');
        two(month);
        ch('-');
        two(dayOfMonth);
        ch(style == TimeStyle::Iso ? 'T' : ' ');
        two(secondsOfDay / 3600);
        ch(':');
        two(secondsOfDay / 60 % 60);
        if (style != TimeStyle::Minutes) {
            ch(':');
            two(secondsOfDay % 60);
        }
        if (style == TimeStyle::Iso)
            ch('Z');
    }
    void time(const std::optional<std::int64_t> &seconds, TimeStyle style)
    {
        if (seconds)
            time(*seconds, style);
    }
    // Seconds as hours with two decimals, rounded half up.
    void hours2(std::int64_t seconds)
    {
        const std::int64_t hundredths = (seconds * 100 + hour / 2) / hour;
        num(hundredths / 100);
        ch('.');
        two(int(hundredths % 100));
    }
    void minutes(std::int64_t seconds) { num((seconds + 30) / 60); }

private:
    [[gnu::noinline]] void grow(std::size_t n)
    {
        const std::size_t used = m_data.empty() ? 0 : size();
        m_data.resize(std::max(m_data.size() * 2, used + n));
        m_pos = m_data.data() + used;
        m_end = m_data.data() + m_data.size();
    }

    std::string m_data;
    char *m_pos = nullptr;
    char *m_end = nullptr;
};

constexpr std::string_view zendeskHeader =
    "Summation column,Id,Requester,Requester id,Requester external id,Requester email,Requester domain,Submitter,"
    "Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Assigned at,Organization,"
    "Due date,Initially assigned at,Solved at,Resolution time,Satisfaction Score,Group stations,Assignee stations,"
    "Reopens,Replies,First reply time in minutes,First reply time in minutes within business hours,"
    "First resolution time in minutes,First resolution time in minutes within business hours,"
    "Full resolution time in minutes,Full resolution time in minutes within business hours,"
    "Agent wait time in minutes,Agent wait time in minutes within business hours,Requester wait time in minutes,"
    "Requester wait time in minutes within business hours,On hold time in minutes,"
    "On hold time in minutes within business hours,Total time spent (sec) [int]\n";

constexpr std::string_view exploreHeader =
    "Ticket ID,Ticket subject,Ticket status,Ticket priority,Ticket channel,Ticket group,Assignee name,Requester name,"
    "Requester email,Ticket created - Timestamp,Ticket solved - Timestamp,First reply time (min),"
    "First reply time - Business hours (min),Full resolution time (hrs),Full resolution time - Business hours (hrs),"
    "Ticket tags,Reopens,Agent replies,Ticket satisfaction rating\n";

constexpr std::string_view freshdeskHeader =
    "Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Due by Time,Resolved time,Closed time,"
    "Last update time,Initial response time,Time tracked,First response time (in hrs),Resolution time (in hrs),"
    "Agent interactions,Customer interactions,Resolution status,First response status,Tags,Survey results,Product,"
    "Full name,Email,Contact ID\n";

std::string_view agentName(const DemoTicket &t)
{
    return t.agent >= 0 ? std::string_view(agents[std::size_t(t.agent)].name) : std::string_view();
}

std::string_view lowerStatus(DemoStatus status)
{
    static constexpr std::array<std::string_view, 6> names = {"new", "open", "pending", "hold", "solved", "closed"};
    return names[std::size_t(status)];
}

std::string_view lowerPriority(DemoPriority priority)
{
    static constexpr std::array<std::string_view, 4> names = {"low", "normal", "high", "urgent"};
    return names[std::size_t(priority)];
}

std::string_view lowerType(DemoType type)
{
    static constexpr std::array<std::string_view, 4> names = {"question", "incident", "problem", "task"};
    return names[std::size_t(type)];
}

// Calendar and business minutes of [from, to], or two empty fields.
void minutesPair(Out &out, std::int64_t from, const std::optional<std::int64_t> &to)
{
    if (to) {
        out.minutes(*to - from);
        out.ch(',');
        out.minutes(demoBusinessSeconds(from, *to));
    } else {
        out.ch(',');
    }
}

void writeZendesk(Out &out, const DemoTicket &t)
{
    static constexpr std::array<std::string_view, 7> via = {"Mail", "Web form", "Chat", "Phone call (inbound)",
                                                            "Twitter", "Facebook", "API"};
    static constexpr std::array<std::string_view, 4> satisfaction = {"Unoffered", "Offered", "Good", "Bad"};
    using S = Out::TimeStyle;
    out.ch(','); // Summation column: empty on ticket rows
    out.num(t.id);
    out.ch(',');
    out.field(t.requesterName);
    out.ch(',');
    out.num(100000 + t.customer);
    out.raw(",,"); // external id
    out.field(t.requesterEmail);
    out.ch(',');
    out.field(std::string_view(t.requesterEmail).substr(t.requesterEmail.find('@') + 1));
    out.ch(',');
    // Phone tickets are created by the agent who took the call.
    out.field(t.channel == DemoChannel::Phone && t.agent >= 0 ? agentName(t) : std::string_view(t.requesterName));
    out.ch(',');
    out.field(agentName(t));
    out.ch(',');
    out.field(teamNames[std::size_t(t.team)]);
    out.ch(',');
    out.field(t.subject);
    out.ch(',');
    out.field(t.tags);
    out.ch(',');
    out.raw(lowerStatus(t.status));
    out.ch(',');
    out.raw(lowerPriority(t.priority));
    out.ch(',');
    out.raw(via[std::size_t(t.channel)]);
    out.ch(',');
    out.raw(lowerType(t.type));
    out.ch(',');
    out.time(t.createdAt, S::Minutes);
    out.ch(',');
    out.time(t.updatedAt, S::Minutes);
    out.ch(',');
    out.time(t.assignedAt, S::Minutes);
    out.ch(',');
    out.field(t.organization);
    out.ch(',');
    if (t.type == DemoType::Task)
        out.time(t.dueAt, S::Minutes);
    out.ch(',');
    out.time(t.initiallyAssignedAt, S::Minutes);
    out.ch(',');
    out.time(t.solvedAt, S::Minutes);
    out.ch(',');
    if (t.solvedAt)
        out.num((*t.solvedAt - t.createdAt) / hour);
    out.ch(',');
    out.raw(satisfaction[std::size_t(t.satisfaction)]);
    out.ch(',');
    out.num(t.groupStations);
    out.ch(',');
    out.num(t.assigneeStations);
    out.ch(',');
    out.num(t.reopens);
    out.ch(',');
    out.num(t.agentReplies);
    out.ch(',');
    minutesPair(out, t.createdAt, t.firstReplyAt);
    out.ch(',');
    if (t.solvedAt && t.firstReplyAt) {
        minutesPair(out, t.createdAt, t.firstSolvedAt);
        out.ch(',');
        minutesPair(out, t.createdAt, t.solvedAt);
        // The waits split the resolution time; their business-hour shares split its business
        // hours the same way, so the parts add up as Zendesk's do.
        const std::int64_t full = *t.solvedAt - t.createdAt;
        const std::int64_t fullBusiness = demoBusinessSeconds(t.createdAt, *t.solvedAt);
        const auto businessShare = [&](std::int64_t part) {
            return full > 0 ? std::int64_t(double(fullBusiness) * double(part) / double(full)) : 0;
        };
        for (std::int64_t part : {t.agentWaitSeconds, t.requesterWaitSeconds, t.onHoldSeconds}) {
            out.ch(',');
            out.minutes(part);
            out.ch(',');
            out.minutes(businessShare(part));
        }
        out.ch(',');
    } else if (t.solvedAt) {
        // Closed without a reply: resolved, but nobody waited on anyone.
        minutesPair(out, t.createdAt, t.solvedAt);
        out.ch(',');
        minutesPair(out, t.createdAt, t.solvedAt);
        out.raw(",0,0,0,0,0,0,");
    } else {
        out.raw(",,,,,,,,,,");
    }
    if (t.handleSeconds > 0)
        out.num(t.handleSeconds);
    out.ch('\n');
}

void writeExplore(Out &out, const DemoTicket &t)
{
    static constexpr std::array<std::string_view, 6> status = {"New", "Open", "Pending", "Hold", "Solved", "Closed"};
    static constexpr std::array<std::string_view, 4> priority = {"Low", "Normal", "High", "Urgent"};
    static constexpr std::array<std::string_view, 7> channel = {"Email", "Web form", "Chat", "Phone call (incoming)",
                                                                "Twitter", "Facebook", "API"};
    static constexpr std::array<std::string_view, 4> satisfaction = {"Not offered", "Offered", "Good", "Bad"};
    using S = Out::TimeStyle;
    out.num(t.id);
    out.ch(',');
    out.field(t.subject);
    out.ch(',');
    out.raw(status[std::size_t(t.status)]);
    out.ch(',');
    out.raw(priority[std::size_t(t.priority)]);
    out.ch(',');
    out.raw(channel[std::size_t(t.channel)]);
    out.ch(',');
    out.field(teamNames[std::size_t(t.team)]);
    out.ch(',');
    out.field(agentName(t));
    out.ch(',');
    out.field(t.requesterName);
    out.ch(',');
    out.field(t.requesterEmail);
    out.ch(',');
    out.time(t.createdAt, S::Iso);
    out.ch(',');
    out.time(t.solvedAt, S::Iso);
    out.ch(',');
    minutesPair(out, t.createdAt, t.firstReplyAt);
    out.ch(',');
    if (t.solvedAt) {
        out.hours2(*t.solvedAt - t.createdAt);
        out.ch(',');
        out.hours2(demoBusinessSeconds(t.createdAt, *t.solvedAt));
    } else {
        out.ch(',');
    }
    out.ch(',');
    out.field(t.tags);
    out.ch(',');
    out.num(t.reopens);
    out.ch(',');
    out.num(t.agentReplies);
    out.ch(',');
    out.raw(satisfaction[std::size_t(t.satisfaction)]);
    out.ch('\n');
}

void writeFreshdesk(Out &out, const DemoTicket &t)
{
    // Freshdesk has no "new" or "on hold": new tickets are Open, waiting on the customer is its
    // own status, and "Pending" is what agents use for waiting on someone else.
    static constexpr std::array<std::string_view, 6> status = {"Open", "Open", "Waiting on Customer", "Pending",
                                                               "Resolved", "Closed"};
    static constexpr std::array<std::string_view, 4> priority = {"Low", "Medium", "High", "Urgent"};
    static constexpr std::array<std::string_view, 7> source = {"Email", "Portal", "Chat", "Phone",
                                                               "Twitter", "Facebook", "API"};
    static constexpr std::array<std::string_view, 5> survey = {"Extremely dissatisfied", "Dissatisfied", "Neutral",
                                                               "Satisfied", "Extremely satisfied"};
    static constexpr std::array<std::int64_t, 4> firstResponseTargets = {24 * hour, 8 * hour, 2 * hour, hour};
    using S = Out::TimeStyle;
    out.num(t.id);
    out.ch(',');
    out.field(t.subject);
    out.ch(',');
    out.raw(status[std::size_t(t.status)]);
    out.ch(',');
    out.raw(priority[std::size_t(t.priority)]);
    out.ch(',');
    out.raw(source[std::size_t(t.channel)]);
    out.ch(',');
    // Freshdesk's default types: Question, Incident, Problem, Feature Request, Refund.
    if (t.topic == "feature_request")
        out.raw("Feature Request");
    else if (t.topic == "refund")
        out.raw("Refund");
    else
        out.raw(std::array<std::string_view, 4>{"Question", "Incident", "Problem", "Question"}[std::size_t(t.type)]);
    out.ch(',');
    out.field(agentName(t));
    out.ch(',');
    out.field(teamNames[std::size_t(t.team)]);
    out.ch(',');
    out.time(t.createdAt, S::Seconds);
    out.ch(',');
    out.time(t.dueAt, S::Seconds);
    out.ch(',');
    // Tickets closed without an answer were never resolved: Freshdesk leaves that time empty.
    if (t.firstReplyAt)
        out.time(t.solvedAt, S::Seconds);
    out.ch(',');
    out.time(t.closedAt, S::Seconds);
    out.ch(',');
    out.time(t.updatedAt, S::Seconds);
    out.ch(',');
    out.time(t.firstReplyAt, S::Seconds);
    out.ch(',');
    if (t.handleSeconds > 0) {
        const std::int64_t hours = t.handleSeconds / hour;
        if (hours < 10)
            out.ch('0');
        out.num(hours);
        out.ch(':');
        out.two(int(t.handleSeconds / 60 % 60));
        out.ch(':');
        out.two(int(t.handleSeconds % 60));
    }
    out.ch(',');
    if (t.firstReplyAt)
        out.hours2(demoBusinessSeconds(t.createdAt, *t.firstReplyAt));
    out.ch(',');
    if (t.solvedAt && t.firstReplyAt)
        out.hours2(demoBusinessSeconds(t.createdAt, *t.solvedAt));
    out.ch(',');
    out.num(t.agentReplies);
    out.ch(',');
    out.num(t.customerReplies + 1); // the first message counts
    out.ch(',');
    if (t.solvedAt && t.firstReplyAt)
        out.raw(*t.solvedAt <= t.dueAt ? "Within SLA" : "SLA Violated");
    out.ch(',');
    if (t.firstReplyAt)
        out.raw(*t.firstReplyAt - t.createdAt <= firstResponseTargets[std::size_t(t.priority)] ? "Within SLA"
                                                                                               : "SLA Violated");
    out.ch(',');
    // Comma-separated, hence always quoted when there are two or more.
    std::array<char, 128> tags{};
    const std::size_t tagLength = std::min(t.tags.size(), tags.size());
    std::replace_copy(t.tags.begin(), t.tags.begin() + std::ptrdiff_t(tagLength), tags.begin(), ' ', ',');
    out.field(std::string_view(tags.data(), tagLength));
    out.ch(',');
    if (t.satisfaction == DemoSatisfaction::Good || t.satisfaction == DemoSatisfaction::Bad)
        out.raw(survey[std::size_t(t.satisfactionScore - 1)]);
    out.ch(',');
    out.raw(t.customer % 4 == 0 ? "Mobile App" : "Web App");
    out.ch(',');
    out.field(t.requesterName);
    out.ch(',');
    out.field(t.requesterEmail);
    out.ch(',');
    out.num(t.customer);
    out.ch('\n');
}

} // namespace

DemoWriteResult writeDemoExport(const DemoOptions &options, DemoFormat format, const QString &path,
                                const std::function<bool(std::int64_t, std::int64_t)> &progress)
{
    DemoWriteResult result;
    if (options.tickets < 0 || options.months < 1) {
        result.error = QObject::tr("invalid demo options: %1 tickets over %2 months")
                           .arg(options.tickets)
                           .arg(options.months);
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        result.error = QObject::tr("cannot write %1: %2").arg(path, file.errorString());
        return result;
    }
    const auto fail = [&](const QString &error) {
        file.close();
        file.remove();
        result.error = error;
        return result;
    };

    constexpr std::size_t chunk = 1 << 20;
    Out out(chunk + 64 * 1024);
    out.raw(format == DemoFormat::ZendeskLegacy    ? zendeskHeader
            : format == DemoFormat::ZendeskExplore ? exploreHeader
                                                   : freshdeskHeader);
    const auto flush = [&] {
        const bool written = file.write(out.data(), qint64(out.size())) == qint64(out.size());
        out.clear();
        return written;
    };
    DemoGenerator generator(options);
    DemoTicket ticket;
    while (generator.next(ticket)) {
        out.row(ticket.subject.size() + ticket.requesterName.size() + ticket.requesterEmail.size()
                + ticket.tags.size() + ticket.organization.size());
        switch (format) {
        case DemoFormat::ZendeskLegacy: writeZendesk(out, ticket); break;
        case DemoFormat::ZendeskExplore: writeExplore(out, ticket); break;
        case DemoFormat::Freshdesk: writeFreshdesk(out, ticket); break;
        }
        ++result.rows;
        if (out.size() >= chunk && !flush())
            return fail(QObject::tr("cannot write %1: %2").arg(path, file.errorString()));
        if (result.rows % 8192 == 0 && progress && !progress(result.rows, options.tickets)) {
            result.cancelled = true;
            return fail(QObject::tr("cancelled"));
        }
    }
    if (!flush() || !file.flush())
        return fail(QObject::tr("cannot write %1: %2").arg(path, file.errorString()));
    file.close();
    if (progress)
        progress(result.rows, options.tickets);
    result.ok = true;
    return result;
}

} // namespace sl
