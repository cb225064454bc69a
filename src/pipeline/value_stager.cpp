#include "pipeline/value_stager.hpp"


namespace sqlite2pg::pipeline {

void ValueStager::stage(ast::Value& v, passes::ColumnStats& stats, std::uint64_t line) {
    if (invalid_utf8_ == InvalidUtf8::Replace) passes::repair_invalid_text(v, stats, line);
    stats.observe(v, line);
    stage_.put_value(v);
}

}  // namespace sqlite2pg::pipeline
