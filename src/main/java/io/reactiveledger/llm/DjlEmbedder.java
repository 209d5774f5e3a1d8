package io.reactiveledger.llm;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Path;
import java.util.List;

/**
 * A sentence-embedding model run by DJL's OnnxRuntime engine, tokenised by DJL's HuggingFace tokenizer:
 * mean pooling over the attention mask, then L2 normalisation. Fully offline ({@code ai.djl.offline=true}
 * is set before DJL initialises). Not thread-safe per call: calls are serialised.
 */
public final class DjlEmbedder implements TextEmbedder, AutoCloseable {
    public static final int MAX_TOKENS = 128;
    /** Texts per forward pass; larger requests are split. */
    public static final int CHUNK = 32;

    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final int dimension;
    private final boolean wantsTypeIds;

    private DjlEmbedder(HuggingFaceTokenizer tokenizer, ZooModel<NDList, NDList> model) {
        this.tokenizer = tokenizer;
        this.model = model;
        this.predictor = model.newPredictor();
        String inputs = String.valueOf(model.describeInput());
        // BERT-style exports take token_type_ids; when the model does not describe its inputs, send them.
        this.wantsTypeIds = !inputs.contains("input_ids") || inputs.contains("token_type_ids");
        this.dimension = embedRaw(List.of("dimension probe"))[0].length;
    }

    /** Loads {@code model.onnx} and {@code tokenizer.json} from {@code modelDir}. */
    public static DjlEmbedder load(Path modelDir) {
        System.setProperty("ai.djl.offline", "true");
        HuggingFaceTokenizer tokenizer = null;
        try {
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(modelDir.resolve(ModelLocation.TOKENIZER_FILE))
                    .optMaxLength(MAX_TOKENS)
                    .optTruncation(true)
                    .optPadding(false)
                    .build();
            Criteria<NDList, NDList> criteria = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(modelDir)
                    .optModelName("model")
                    .optEngine("OnnxRuntime")
                    .optTranslator(new NoopTranslator())
                    .build();
            return new DjlEmbedder(tokenizer, criteria.loadModel());
        } catch (Exception e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            throw new IllegalStateException("cannot load the embedding model from " + modelDir + ": " + e, e);
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public synchronized float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += CHUNK) {
            int to = Math.min(texts.size(), from + CHUNK);
            float[][] part = embedRaw(texts.subList(from, to));
            System.arraycopy(part, 0, out, from, part.length);
        }
        return out;
    }

    private float[][] embedRaw(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int batch = encodings.length;
        int len = 1;
        for (Encoding e : encodings) {
            len = Math.max(len, e.getIds().length);
        }
        long[] ids = new long[batch * len];
        long[] mask = new long[batch * len];
        long[] types = new long[batch * len];
        for (int b = 0; b < batch; b++) {
            long[] eIds = encodings[b].getIds();
            long[] eMask = encodings[b].getAttentionMask();
            long[] eTypes = encodings[b].getTypeIds();
            System.arraycopy(eIds, 0, ids, b * len, eIds.length);
            System.arraycopy(eMask, 0, mask, b * len, eMask.length);
            System.arraycopy(eTypes, 0, types, b * len, eTypes.length);
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            Shape shape = new Shape(batch, len);
            NDArray idArray = manager.create(ids, shape);
            idArray.setName("input_ids");
            NDArray maskArray = manager.create(mask, shape);
            maskArray.setName("attention_mask");
            NDList input = new NDList(idArray, maskArray);
            if (wantsTypeIds) {
                NDArray typeArray = manager.create(types, shape);
                typeArray.setName("token_type_ids");
                input.add(typeArray);
            }
            NDList output = predictor.predict(input);
            NDArray hidden = output.get(0);
            long[] hs = hidden.getShape().getShape();
            int dim = (int) hs[hs.length - 1];
            float[] all = hidden.toFloatArray();
            output.close();
            float[][] out = new float[batch][];
            for (int b = 0; b < batch; b++) {
                float[] seq = new float[len * dim];
                System.arraycopy(all, b * len * dim, seq, 0, len * dim);
                long[] m = new long[len];
                System.arraycopy(mask, b * len, m, 0, len);
                out[b] = Vectors.meanPool(seq, m, dim);
            }
            return out;
        } catch (ai.djl.translate.TranslateException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        predictor.close();
        model.close();
        tokenizer.close();
    }
}
