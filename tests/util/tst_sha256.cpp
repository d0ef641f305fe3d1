// Our SHA-256 against Qt's, over the sizes where padding and block boundaries differ.

#include "util/sha256.h"

#include <QCryptographicHash>
#include <QTest>

using namespace sl;

class TestSha256 : public QObject
{
    Q_OBJECT

private slots:
    void knownAnswers_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("hex");
        // FIPS 180-2 examples.
        QTest::newRow("the empty string") << QByteArray()
                                          << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::newRow("abc") << QByteArray("abc")
                             << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QTest::newRow("two blocks") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                    << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    void knownAnswers()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, hex);
        Sha256 sha;
        sha.addData(input.constData(), std::size_t(input.size()));
        QCOMPARE(sha.result().toHex(), hex);
    }

    void agreesWithQtAtEveryBoundary()
    {
        QByteArray data(5000, Qt::Uninitialized);
        for (qsizetype i = 0; i < data.size(); ++i)
            data[i] = char((i * 131 + 7) & 0xff);
        for (int size : {1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4999}) {
            for (int split : {0, 1, 13, 64}) {
                if (split > size)
                    continue;
                Sha256 sha;
                sha.addData(data.constData(), std::size_t(split));
                sha.addData(data.constData() + split, std::size_t(size - split));
                QCOMPARE(sha.result(), QCryptographicHash::hash(data.left(size), QCryptographicHash::Sha256));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
