// Kubernetes manifests shared by the format tests (content recognition, Spring settings from a container's environment).

/** A StatefulSet whose mounted redis.conf sets 900mb of a 1Gi limit and no policy: CW008 and CW007. */
export const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: redis-config
  namespace: cache
data:
  redis.conf: |
    maxmemory 900mb
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
  namespace: cache
spec:
  serviceName: redis
  selector:
    matchLabels: { app: redis }
  template:
    metadata:
      labels:
        app: redis
    spec:
      containers:
        - name: redis
          image: redis:7.2
          args: ["/etc/redis/redis.conf"]
          resources:
            limits:
              memory: 1Gi
          volumeMounts:
            - name: config
              mountPath: /etc/redis
      volumes:
        - name: config
          configMap:
            name: redis-config
`;

/** A Redis StatefulSet `catalog-redis` that evicts with volatile-lru (1gb of a 2Gi limit): CW007's other end. */
export const VOLATILE_CATALOG_REDIS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: catalog-redis
spec:
  template:
    spec:
      containers:
        - name: redis
          image: redis:7.2
          args: ["--maxmemory", "1gb", "--maxmemory-policy", "volatile-lru"]
          resources:
            limits:
              memory: 2Gi
`;
