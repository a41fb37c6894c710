package dev.geodesic.jobs.io;

import dev.geodesic.jobs.spark.SparkJobs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.transform;

import dev.geodesic.jobs.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one reader of Geodesic inputs. Reads Parquet, CSV or LIBSVM; checks the columns against
 * {@code data-schemas/input.schema.json} before any work; converts accepted types (float/int arrays,
 * ML vectors, integer labels and clients) to the canonical schema; then scans every row once for
 * null, NaN/Inf and ragged features and for an empty input. Any problem is an
 * {@link InvalidInputException} naming the input, the column and the row.
 */
public final class DatasetReader {
  public static final String FEATURES = "features";
  public static final String LABEL = "label";
  public static final String CLIENT = "client";
  public static final String WEIGHT = "weight";

  private final SparkSession spark;
  private final boolean keepVectors;

  public DatasetReader(SparkSession spark) {
    this(spark, false);
  }

  private DatasetReader(SparkSession spark, boolean keepVectors) {
    this.spark = spark;
    this.keepVectors = keepVectors;
  }

  /**
   * A reader that leaves a {@code vector} features column (LIBSVM's, or a Parquet ML vector) as Spark
   * ML vectors instead of converting it to {@code array<double>}: a sparse vector then stays sparse, for
   * the commands that read rows by their nonzeros (finite-sum). Every other type converts as before.
   */
  public DatasetReader keepingVectors() {
    return new DatasetReader(spark, true);
  }

  /** Reads, converts and validates one input. */
  public ValidatedInput read(InputSpec spec) {
    String path = resolve(spec.path());
    Dataset<Row> raw = load(spec, path);
    Dataset<Row> canonical = canonicalize(spec, raw);
    return validate(spec.path(), canonical);
  }

  /** A Geodesic output directory (with {@code data.parquet} inside) stands for its data. */
  private String resolve(String userPath) {
    try {
      Path p = new Path(userPath);
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new InvalidInputException("input '" + userPath + "' does not exist");
      }
      Path data = new Path(p, "data.parquet");
      if (fs.getFileStatus(p).isDirectory() && fs.exists(data)) {
        return data.toString();
      }
      return p.toString();
    } catch (IOException e) {
      throw new InvalidInputException("input '" + userPath + "' cannot be read: " + e.getMessage(), e);
    }
  }

  private Dataset<Row> load(InputSpec spec, String path) {
    try {
      switch (spec.format()) {
        case CSV:
          return spark.read().option("header", "true").option("inferSchema", "true").csv(path);
        case LIBSVM:
          return spark.read().format("libsvm").load(path);
        case IDX:
          throw new InvalidInputException("--format idx is read by import only");
        default:
          return spark.read().parquet(path);
      }
    } catch (Exception e) {
      throw new InvalidInputException("input '" + spec.path() + "' is not readable as " + spec.format()
          + ": " + firstLine(rootMessage(e)), e);
    }
  }

  private Dataset<Row> canonicalize(InputSpec spec, Dataset<Row> raw) {
    if (spec.format() == InputFormat.CSV) {
      raw = csvToSchema(spec, raw);
    }
    StructType expected = Schemas.load(Schemas.INPUT);
    StructType actual = raw.schema();
    List<Column> out = new ArrayList<>();
    if (spec.weightColumn() != null && spec.format() == InputFormat.LIBSVM) {
      throw new InvalidInputException("--weight-col: input '" + spec.path() + "' is LIBSVM, which has no weight column");
    }
    for (StructField f : expected.fields()) {
      if (f.name().equals(WEIGHT) && (!spec.readsWeights() || spec.format() == InputFormat.CSV && spec.weightColumn() == null)) {
        continue;
      }
      String source = f.name().equals(CLIENT) && spec.clientColumn() != null ? spec.clientColumn()
          : f.name().equals(WEIGHT) && spec.weightColumn() != null ? spec.weightColumn() : f.name();
      int idx = Schemas.indexOf(actual, source);
      if (idx < 0 && f.name().equals(WEIGHT) && spec.weightColumn() != null) {
        throw new InvalidInputException("input '" + spec.path() + "': --weight-col '" + spec.weightColumn()
            + "' is not a column (columns: " + String.join(", ", actual.fieldNames()) + ")");
      }
      if (idx < 0) {
        if (Schemas.isRequired(f)) {
          throw new InvalidInputException("input '" + spec.path() + "' has no column '" + source
              + "' (columns: " + String.join(", ", actual.fieldNames()) + ")");
        }
        continue;
      }
      String type = Schemas.simpleName(actual.fields()[idx].dataType());
      if (!Schemas.accepts(f).contains(type)) {
        throw new InvalidInputException("input '" + spec.path() + "': column '" + source + "' is " + type
            + ", expected " + String.join(" or ", Schemas.accepts(f)));
      }
      Column c = col("`" + source + "`");
      out.add((keepVectors && f.name().equals(FEATURES) && type.equals("vector") ? c : convert(c, f.name(), type))
          .as(f.name()));
    }
    return raw.select(out.toArray(new Column[0]));
  }

  private static Column convert(Column c, String field, String type) {
    if (field.equals(FEATURES)) {
      if (type.equals("vector")) {
        return org.apache.spark.ml.functions.vector_to_array(c, "float64");
      }
      return type.equals("array<double>") ? c : transform(c, x -> x.cast(DataTypes.DoubleType));
    }
    return c.cast(field.equals(LABEL) || field.equals(WEIGHT) ? DataTypes.DoubleType : DataTypes.StringType);
  }

  /** CSV: the client, label and weight columns by name, every other column a numeric feature. */
  private static Dataset<Row> csvToSchema(InputSpec spec, Dataset<Row> raw) {
    StructType s = raw.schema();
    if (spec.labelColumn() != null && Schemas.indexOf(s, spec.labelColumn()) < 0) {
      throw new InvalidInputException("input '" + spec.path() + "': --label-col '" + spec.labelColumn()
          + "' is not a column (columns: " + String.join(", ", s.fieldNames()) + ")");
    }
    if (spec.weightColumn() != null && Schemas.indexOf(s, spec.weightColumn()) < 0) {
      throw new InvalidInputException("input '" + spec.path() + "': --weight-col '" + spec.weightColumn()
          + "' is not a column (columns: " + String.join(", ", s.fieldNames()) + ")");
    }
    String clientName = spec.clientColumn() == null ? CLIENT : spec.clientColumn();
    List<Column> features = new ArrayList<>();
    List<Column> select = new ArrayList<>();
    for (StructField f : s.fields()) {
      Column c = col("`" + f.name() + "`");
      if (f.name().equals(spec.labelColumn())) {
        select.add(c.as(LABEL));
      } else if (f.name().equals(spec.weightColumn())) {
        select.add(c);
      } else if (f.name().equals(clientName)) {
        select.add(c.as(clientName));
      } else if (f.dataType() instanceof NumericType) {
        features.add(c.cast(DataTypes.DoubleType));
      } else {
        throw new InvalidInputException("input '" + spec.path() + "': CSV column '" + f.name() + "' is "
            + f.dataType().simpleString() + ", not numeric (name it with --label-col or --client-col, or drop it)");
      }
    }
    if (features.isEmpty()) {
      throw new InvalidInputException("input '" + spec.path() + "': CSV has no numeric feature column");
    }
    select.add(0, array(features.toArray(new Column[0])).as(FEATURES));
    return raw.select(select.toArray(new Column[0]));
  }

  private ValidatedInput validate(String name, Dataset<Row> data) {
    String[] cols = data.columns();
    int labelIdx = -1;
    int clientIdx = -1;
    int weightIdx = -1;
    for (int i = 0; i < cols.length; i++) {
      if (cols[i].equals(LABEL)) {
        labelIdx = i;
      } else if (cols[i].equals(CLIENT)) {
        clientIdx = i;
      } else if (cols[i].equals(WEIGHT)) {
        weightIdx = i;
      }
    }
    final int li = labelIdx;
    final int ci = clientIdx;
    final int wi = weightIdx;
    List<InputValidation> parts;
    try {
      parts = SparkJobs.described(spark.sparkContext(), "validate input " + name, () -> data.javaRDD()
          .mapPartitionsWithIndex((p, it) -> InputValidation.scan(p, it, li, ci, wi), true)
          .collect());
    } catch (Exception e) {
      throw new InvalidInputException("input '" + name + "' cannot be read: " + firstLine(rootMessage(e)), e);
    }
    long offset = 0;
    int dimension = -1;
    for (InputValidation v : parts) {
      if (v.badRow >= 0) {
        throw new InvalidInputException("input '" + name + "': row " + (offset + v.badRow) + ": " + v.badReason);
      }
      if (v.rows > 0) {
        if (dimension >= 0 && v.firstDimension != dimension) {
          throw new InvalidInputException("input '" + name + "': row " + offset + ": 'features' has "
              + v.firstDimension + " values where earlier rows have " + dimension + " (ragged vectors)");
        }
        dimension = v.firstDimension;
      }
      offset += v.rows;
    }
    if (offset == 0) {
      throw new InvalidInputException("input '" + name + "' has no rows");
    }
    return new ValidatedInput(name, data, dimension, offset);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
