// RowStage: rows are staged as COPY lines spelt for each value's own storage class; they come back exactly
// (decoded, or as COPY lines for the chosen column types), in order, from memory and from the spill files,
// and the stage is reusable afterwards.
#include <doctest/doctest.h>

#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/byte_vectors.hpp"
#include "emit/value_format.hpp"
#include "io/buffer_pool.hpp"
#include "pipeline/row_stage.hpp"
#include "file_testing.hpp"
#include "value_testing.hpp"

using sqlite2pg::ast::StorageClass;
using sqlite2pg::ast::Value;
using sqlite2pg::pg::Type;
using sqlite2pg::pipeline::RowStage;
namespace emit = sqlite2pg::emit;

namespace {

/// Rows of every storage class, with text of many lengths, bytes COPY escapes, and one value larger than
/// the stage's read-back block.
std::vector<std::vector<Value>> sample_rows(std::size_t count) {
    std::vector<std::vector<Value>> rows;
    for (std::size_t i = 0; i < count; ++i) {
        rows.push_back({Value::of_integer(static_cast<std::int64_t>(i) * -7919), Value::of_real(i / 3.0),
                        Value::of_text(std::string(i % 300, static_cast<char>('a' + i % 26)) + "\t\\\n\r\x01"),
                        i % 5 ? Value::of_blob(std::string("\0\x01\xff", 3)) : Value::null()});
    }
    rows[count / 2][2] = Value::of_text(std::string(3u << 20, 'x'));
    rows[1][1] = Value::of_real(-0.0);
    rows[2][1] = Value::of_real(1e300 * 1e300);
    return rows;
}

std::vector<std::vector<Value>> stage_and_drain(RowStage& stage, const std::vector<std::vector<Value>>& rows) {
    for (const auto& row : rows) stage.append(row);
    CHECK(stage.rows() == rows.size());
    std::vector<std::vector<Value>> back;
    stage.drain(4, [&](std::span<const Value> row) { back.emplace_back(row.begin(), row.end()); });
    CHECK(stage.rows() == 0);
    return back;
}

/// What the COPY lines of `rows` are for `types`, value by value.
std::string expected_copy(const std::vector<std::vector<Value>>& rows, const std::vector<Type>& types) {
    std::string out;
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c) out += '\t';
            emit::append_copy_field(out, row[c], types[c]);
        }
        out += '\n';
    }
    return out;
}

/// The stage's COPY output for `types`, through a real OutputWriter into a file.
std::string staged_copy(RowStage& stage, const std::vector<std::vector<Value>>& rows, const std::vector<Type>& types) {
    for (const auto& row : rows) stage.append(row);
    sqlite2pg::testing::TempFile file("");
    {
        sqlite2pg::io::OutputWriter out(file.path());
        stage.write_copy(out, types);
        out.close();
    }
    CHECK(stage.rows() == 0);
    return sqlite2pg::testing::read_file(file.path());
}

/// COPY text-format escaping, one byte at a time: the reference the word-at-a-time escaping is held to.
std::string escaped_byte_by_byte(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            default: out += c; break;
        }
    }
    return out;
}

}  // namespace

TEST_CASE("RowStage gives back every row exactly, in memory and spilled") {
    const auto rows = sample_rows(2000);
    for (std::size_t limit : {std::size_t{64} << 20, std::size_t{4096}, std::size_t{1}}) {
        CAPTURE(limit);
        RowStage stage(limit);
        CHECK(stage_and_drain(stage, rows) == rows);
        // Reused after a drain (the converter stages table after table).
        CHECK(stage_and_drain(stage, rows) == rows);
    }
}

TEST_CASE("RowStage: blocks of staged rows written one after another into one output, large ones handed over") {
    // Each block holds more than a megabyte (a 3 MiB text among its rows), so its lines are handed to the output
    // as they are and the stage goes on in the buffer the output gives back; the small last block is copied.
    const auto rows = sample_rows(500);
    const std::vector<Type> types = {Type::Bigint, Type::DoublePrecision, Type::Text, Type::Bytea};
    const std::vector<std::vector<Value>> few(rows.begin(), rows.begin() + 3);
    RowStage stage;
    sqlite2pg::testing::TempFile file("");
    std::string expected;
    {
        sqlite2pg::io::OutputWriter out(file.path());
        for (int block = 0; block < 4; ++block) {
            const auto& these = block < 3 ? rows : few;
            for (const auto& row : these) stage.append(row);
            stage.write_copy(out, types);
            out.write("-- block end\n");
            expected += expected_copy(these, types) + "-- block end\n";
        }
        out.close();
    }
    CHECK(sqlite2pg::testing::read_file(file.path()) == expected);
}

TEST_CASE("RowStage::take stages another stage's rows after its own, as if they had been put there") {
    const auto rows = sample_rows(600);
    // Rows split at several points between the stage and ones that grow instead of spilling (as the read-ahead
    // thread's do), the stage spilling or not.
    for (std::size_t limit : {std::size_t{64} << 20, std::size_t{4096}, std::size_t{1}}) {
        for (std::size_t split : {std::size_t{0}, std::size_t{1}, std::size_t{299}, std::size_t{600}}) {
            CAPTURE(limit);
            CAPTURE(split);
            RowStage stage(limit);
            RowStage apart(16, RowStage::Overflow::Grow);
            for (std::size_t r = 0; r < split; ++r) stage.append(rows[r]);
            for (std::size_t r = split; r < rows.size(); ++r) apart.append(rows[r]);
            CHECK((apart.bytes() > 0) == (split < rows.size()));
            const std::uint64_t bytes = stage.bytes() + apart.bytes();
            stage.take(apart);
            CHECK(apart.rows() == 0);
            CHECK(apart.bytes() == 0);
            CHECK(stage.rows() == rows.size());
            CHECK(stage.bytes() == bytes);
            // The classes each column holds come along: the text column is spelt again for bytea.
            const std::vector<Type> types = {Type::Bigint, Type::DoublePrecision, Type::Bytea, Type::Bytea};
            sqlite2pg::testing::TempFile file("");
            {
                sqlite2pg::io::OutputWriter out(file.path());
                stage.write_copy(out, types);
                out.close();
            }
            CHECK(sqlite2pg::testing::read_file(file.path()) == expected_copy(rows, types));
            // The stage that was taken from is reusable.
            CHECK(stage_and_drain(apart, rows) == rows);
        }
    }
}

TEST_CASE("RowStage::take lends the lines of a stage with a lines pool where they belong, and gives them back") {
    // The read-ahead thread's stages take their lines buffers from a pool; the converting thread's stage takes
    // those buffers instead of copying them, and they go back to the pool once written, spilled, gathered to
    // be read back, or discarded (until then none is: the pool keeps no more). Rows alternate between the stage
    // and such stages; one of them grows past its pool's size for a 3 MiB text, and is copied instead.
    const auto rows = sample_rows(600);
    const std::vector<Type> natural = {Type::Bigint, Type::DoublePrecision, Type::Text, Type::Bytea};
    const std::vector<Type> respelt = {Type::Bigint, Type::DoublePrecision, Type::Bytea, Type::Bytea};
    for (std::size_t limit : {std::size_t{64} << 20, std::size_t{1} << 17}) {
        CAPTURE(limit);
        const bool spills = limit < (std::size_t{4} << 20);
        const auto pool = std::make_shared<sqlite2pg::io::BufferPool>(std::size_t{1} << 16);
        std::vector<std::unique_ptr<RowStage>> aparts;
        for (int i = 0; i < 3; ++i)
            aparts.push_back(std::make_unique<RowStage>(pool->capacity(), RowStage::Overflow::Grow, pool));
        const auto stage_rows = [&](RowStage& stage) {
            const std::size_t kept = pool->kept();
            std::size_t r = 0;
            for (std::size_t turn = 0; r < rows.size(); ++turn) {
                const std::size_t own_end = std::min(rows.size(), r + 10 + turn * 7 % 50);
                for (; r < own_end; ++r) stage.append(rows[r]);
                RowStage& apart = *aparts[turn % aparts.size()];
                const std::size_t apart_end = std::min(rows.size(), r + 40 + turn * 13 % 70);
                for (; r < apart_end; ++r) apart.append(rows[r]);
                const std::uint64_t bytes = stage.bytes() + apart.bytes();
                stage.take(apart);
                CHECK(stage.bytes() == bytes);
                CHECK(apart.bytes() == 0);
            }
            CHECK(stage.rows() == rows.size());
            if (!spills) CHECK(pool->kept() <= kept);
        };
        SUBCASE("written as they are, among the stage's own lines") {
            RowStage stage(limit);
            stage_rows(stage);
            sqlite2pg::testing::TempFile file("");
            {
                sqlite2pg::io::OutputWriter out(file.path());
                out.write("-- before\n");
                stage.write_copy(out, natural);
                out.write("-- after\n");
                out.close();
            }
            CHECK(sqlite2pg::testing::read_file(file.path()) ==
                  "-- before\n" + expected_copy(rows, natural) + "-- after\n");
            CHECK(pool->kept() > 0);
            // The stages reuse them.
            CHECK(stage_and_drain(*aparts[0], rows) == rows);
        }
        SUBCASE("spelt again, and read back") {
            RowStage stage(limit);
            stage_rows(stage);
            sqlite2pg::testing::TempFile file("");
            {
                sqlite2pg::io::OutputWriter out(file.path());
                stage.write_copy(out, respelt);
                out.close();
            }
            CHECK(sqlite2pg::testing::read_file(file.path()) == expected_copy(rows, respelt));
            CHECK(pool->kept() > 0);
            RowStage again(limit);
            stage_rows(again);
            std::vector<std::vector<Value>> back;
            again.drain(4, [&](std::span<const Value> row) { back.emplace_back(row.begin(), row.end()); });
            CHECK(back == rows);
        }
        SUBCASE("discarded") {
            RowStage stage(limit);
            stage_rows(stage);
            stage.discard();
            CHECK(stage.bytes() == 0);
            CHECK(pool->kept() > 0);
        }
    }
}

TEST_CASE("RowStage writes COPY lines for the chosen types: as staged, or with some columns spelt again") {
    const auto rows = sample_rows(500);
    // Natural types: the staged lines go out as they are. Boolean-free others: text for the real column
    // (same spelling), bytea for the text column and text for the blob column (spelt again).
    const std::vector<std::vector<Type>> typings = {
        {Type::Bigint, Type::DoublePrecision, Type::Text, Type::Bytea},
        {Type::Numeric, Type::Text, Type::Text, Type::Bytea},
        {Type::Bigint, Type::DoublePrecision, Type::Bytea, Type::Text},
        {Type::Text, Type::Text, Type::Text, Type::Text},
    };
    for (std::size_t limit : {std::size_t{64} << 20, std::size_t{4096}, std::size_t{1}}) {
        RowStage stage(limit);
        for (const auto& types : typings) {
            CAPTURE(limit);
            CHECK(staged_copy(stage, rows, types) == expected_copy(rows, types));
        }
    }
}

TEST_CASE("RowStage: booleans keep their 1/0, and the direct put_* spell as put_value does") {
    const std::vector<std::vector<Value>> rows = {{Value::of_integer(0), Value::of_text("a")},
                                                  {Value::of_integer(1), Value::null()}};
    RowStage stage;
    // boolean's input reads 1 and 0: the integers go out as they were staged.
    CHECK(staged_copy(stage, rows, {Type::Boolean, Type::Text}) == "0\ta\n1\t\\N\n");

    // put_text / put_blob_hex / put_integer with its literal, against put_value of the same values.
    stage.put_text("tab\there \\ and\nnewline");
    stage.put_blob_hex("DEADbeef");
    stage.put_integer(-42, "-42");
    stage.put_integer(7);
    stage.put_real(0.1);
    stage.put_null();
    stage.end_row();
    const std::vector<Value> row = {Value::of_text("tab\there \\ and\nnewline"), Value::of_blob("\xde\xad\xbe\xef"),
                                    Value::of_integer(-42), Value::of_integer(7), Value::of_real(0.1), Value::null()};
    std::vector<Value> back;
    stage.drain(row.size(), [&](std::span<const Value> r) { back.assign(r.begin(), r.end()); });
    CHECK(back == row);

    // Padded text and hex digits of every length around the sixteen-byte steps: the bytes after them (read,
    // as a padded text allows) change nothing.
    for (std::size_t size = 0; size <= 40; size += 2) {
        const std::string hex = std::string(size, 'A') + std::string(sqlite2pg::byte_vectors::kPadding, 'Z');
        const std::string text = std::string(size, 'x') + std::string(sqlite2pg::byte_vectors::kPadding, '\t');
        stage.put_text(std::string_view(text).substr(0, size), true);
        stage.put_blob_hex(std::string_view(hex).substr(0, size), true);
        stage.end_row();
        stage.drain(2, [&](std::span<const Value> r) { back.assign(r.begin(), r.end()); });
        CAPTURE(size);
        const std::vector<Value> expected = {Value::of_text(std::string(size, 'x')),
                                             Value::of_blob(std::string(size / 2, '\xaa'))};
        CHECK(back == expected);
    }
}

TEST_CASE("copy_spelling_is_natural says exactly when append_copy_field spells a storage class as for its own") {
    // For each type and storage class: natural when every value of the class is spelt as for its own class,
    // not natural when some value is spelt otherwise (reals differ as numbers and as text only in some layouts,
    // 0.0001 and 1.2345678901234568e+17 among them).
    const std::vector<Value> values = {Value::null(),           Value::of_integer(0),      Value::of_integer(-12),
                                       Value::of_real(3.0),     Value::of_real(0.1),       Value::of_real(0.0001),
                                       Value::of_real(123456789012345678.0),               Value::of_text("x\ty"),
                                       Value::of_text("1"),     Value::of_blob("\x01\xff"), Value::of_blob("ab")};
    const Type types[] = {Type::Bigint, Type::Integer,   Type::Smallint, Type::Numeric,   Type::DoublePrecision,
                          Type::Text,   Type::Boolean,   Type::Bytea,    Type::Timestamp, Type::Timestamptz,
                          Type::Date,   Type::Time,      Type::Json,     Type::Uuid};
    for (Type t : types)
        for (const StorageClass storage : {StorageClass::Null, StorageClass::Integer, StorageClass::Real,
                                           StorageClass::Text, StorageClass::Blob}) {
            CAPTURE(static_cast<int>(t));
            CAPTURE(static_cast<int>(storage));
            bool all_alike = true;
            for (const Value& v : values) {
                if (v.storage != storage) continue;
                // Booleans only ever hold 0/1: other integers are not asked about.
                if (t == Type::Boolean && storage == StorageClass::Integer && v.integer != 0 && v.integer != 1) continue;
                std::string as_type, as_own;
                emit::append_copy_field(as_type, v, t);
                emit::append_copy_field(as_own, v, emit::natural_copy_type(v.storage));
                all_alike = all_alike && as_type == as_own;
            }
            CHECK(emit::copy_spelling_is_natural(t, storage) == all_alike);
        }
}

TEST_CASE("append_real_text spells a real as PostgreSQL's float8 output does, keeping a .0") {
    // PostgreSQL 15's `SELECT x::float8::text` for each input, with '.0' where that reads as an integer.
    const std::pair<double, std::string_view> cases[] = {
        {0.0001, "0.0001"},
        {0.00001, "1e-05"},
        {1e15, "1e+15"},
        {1e14, "100000000000000.0"},
        {123456789012345.6, "123456789012345.6"},
        {1234567890123456.7, "1.2345678901234568e+15"},
        {3.0, "3.0"},
        {1e22, "1e+22"},
        {1.5e-7, "1.5e-07"},
        {2.5e-300, "2.5e-300"},
        {5e-324, "5e-324"},
        {1.7976931348623157e308, "1.7976931348623157e+308"},
        {-0.0, "-0.0"},
        {123456789012345678.0, "1.2345678901234568e+17"},
        {0.1, "0.1"},
        {-100.0, "-100.0"},
        {1e300 * 1e300, "Infinity"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.second);
        std::string text;
        emit::append_real_text(text, c.first);
        CHECK(text == c.second);
    }
}

TEST_CASE("RowStage: an integer's spelling is copied whole at every length") {
    // One to nineteen characters: `-` and eighteen digits is the longest the scanner hands over.
    RowStage stage;
    std::string expected;
    std::string spelling;
    for (int length = 1; length <= 19; ++length) {
        spelling = length == 19 ? "-" + std::string(18, '7') : std::string(static_cast<std::size_t>(length), '7');
        spelling[spelling.size() - 1] = '1';
        stage.put_integer(std::stoll(spelling), spelling);
        stage.end_row();
        expected += spelling + "\n";
    }
    std::string out;
    stage.drain(1, [&](std::span<const Value> row) { out += std::to_string(row[0].integer) + "\n"; });
    CHECK(out == expected);
}

TEST_CASE("write_copy_text: escapes, stays within its room, and says whether it was plain ASCII") {
    // Random texts of 0 to 60 bytes, mostly plain, with escapes, NULs, other control bytes and bytes above
    // 0x7F anywhere, several to a word: against escaping byte by byte.
    std::mt19937 random(20261126);
    const std::string specials("\\\t\n\r\0\x01\x0d\x0e\x7f\x80\xc3\xff", 12);
    for (int round = 0; round < 20000; ++round) {
        std::string text(random() % 61, 'a');
        for (char& c : text)
            if (random() % 6 == 0) c = specials[random() % specials.size()];
        const std::string expected = escaped_byte_by_byte(text);
        bool plain_ascii = true;
        for (const char c : text) plain_ascii = plain_ascii && c != '\0' && static_cast<unsigned char>(c) < 0x80;
        // Guard bytes after the room the caller gives (twice the text and the slack) must stay as they were.
        const std::size_t room = 2 * text.size() + emit::kCopyTextSlack;
        std::string buffer(room + 16, '#');
        const emit::CopyText written = emit::write_copy_text(buffer.data(), text);
        CAPTURE(text);
        REQUIRE(std::string(buffer.data(), written.end) == expected);
        CHECK(written.plain_ascii == plain_ascii);
        CHECK(buffer.substr(room) == std::string(16, '#'));
        // Padded: the same from the text followed by bytes that would be escaped or are not ASCII, read and
        // not used.
        std::string padded = text + std::string(sqlite2pg::byte_vectors::kPadding, '\x80');
        for (std::size_t i = text.size(); i < padded.size(); i += 2) padded[i] = '\\';
        std::string padded_out(room + 16, '#');
        const emit::CopyText from_padded =
            emit::write_copy_text(padded_out.data(), std::string_view(padded).substr(0, text.size()), true);
        REQUIRE(std::string(padded_out.data(), from_padded.end) == expected);
        CHECK(from_padded.plain_ascii == plain_ascii);
        CHECK(padded_out.substr(room) == std::string(16, '#'));
    }
}

TEST_CASE("append_copy_text escapes at every offset around its sixteen-byte steps; decode_copy_text undoes it") {
    // Each escaped byte, NUL, and a byte above 0x7F, at every position of runs of 1 to 40 bytes (whole steps,
    // and last bytes of every count).
    for (const char special : {'\\', '\t', '\n', '\r', '\0', '\x01', '\x0d', '\x0e', '\x80', '\xff'}) {
        for (std::size_t size = 1; size <= 40; ++size) {
            for (std::size_t at = 0; at < size; ++at) {
                std::string text(size, 'a');
                text[at] = special;
                std::string out;
                emit::append_copy_text(out, text);
                CAPTURE(static_cast<int>(static_cast<unsigned char>(special)));
                CAPTURE(size);
                CAPTURE(at);
                CHECK(out == escaped_byte_by_byte(text));
                std::string back;
                emit::decode_copy_text(out, back);
                CHECK(back == text);
            }
        }
    }
}
